// fast-check arbitraries for ops of every kind, with odd identifiers and values: quotes,
// backslashes, newlines, `</script>`, `${…}`, `*/`, non-ASCII and lone surrogates.
import fc from "fast-check";
import type { CheckConstraint, Column, ForeignKey, Index, ReferentialAction, Table, UniqueConstraint } from "../../../src/engine/schema/model";
import { GENERIC_TYPES, REFLECTED_TYPES, typeShape, type SqlType } from "../../../src/engine/schema/types";
import * as ops from "../../../src/engine/ops/ops";
import type { ConstraintType, MigrateOp, RowValue } from "../../../src/engine/ops/ops";

const ODD = ["users", "order", "select", "it's", 'say "hi"', "back\\slash", "new\nline", "</script>", "${x}", "*/", "a.b", "Ünï", "", " ", "__proto__"];

export const ident = fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: "binary", maxLength: 6 }), fc.string({ maxLength: 8 }));
/** A referred column: SQLAlchemy reads "table.column" up to the last dot, so it holds none. */
const refColumn = ident.filter((s) => !s.includes("."));
const nat = fc.nat({ max: 1000 });

const typeNames = [...Object.keys(GENERIC_TYPES), ...Object.keys(REFLECTED_TYPES)];
export const sqlType: fc.Arbitrary<SqlType> = fc.constantFrom(...typeNames).chain((name): fc.Arbitrary<SqlType> => {
  switch (typeShape(name)) {
    case "none":
      return fc.constant({ name });
    case "length":
      return fc.option(nat, { nil: undefined }).map((length) => (length === undefined ? { name } : { name, length }));
    case "precisionScale":
      return fc.record({ name: fc.constant(name), precision: nat, scale: nat }, { requiredKeys: ["name"] });
    case "enum":
      return fc.record({ name: fc.constant(name), values: fc.array(ident, { maxLength: 3 }), enumName: ident }, { requiredKeys: ["name", "values"] });
  }
});

/**
 * A server default with its Column.serverDefaultIsSql flag, as a script can write it: a quoted
 * literal is a plain string or `sa.text("'…'")`; any other SQL can only be `sa.text(…)`.
 */
export const serverDefaultPair: fc.Arbitrary<{ sql: string | null; isSql: boolean }> = fc.oneof(
  fc.constant({ sql: null, isSql: false }),
  fc.tuple(fc.oneof(ident.map((s) => `'${s.replace(/'/g, "''")}'`), fc.constant("''")), fc.boolean()).map(([sql, isSql]) => ({ sql, isSql })),
  fc.oneof(fc.constantFrom("CURRENT_TIMESTAMP", "(1 + 1)", "0", "'a' || 'b'"), ident).map((sql) => ({ sql, isSql: !/^'(?:[^']|'')*'$/s.test(sql) })),
);

export const serverDefault: fc.Arbitrary<string | null> = serverDefaultPair.map((d) => d.sql);

export const column: fc.Arbitrary<Column> = fc
  .record({
    name: ident,
    type: sqlType,
    nullable: fc.boolean(),
    dflt: serverDefaultPair,
    autoincrement: fc.constantFrom<boolean | "auto">(true, false, "auto"),
    comment: fc.option(ident, { nil: null }),
  })
  .map(({ dflt, ...c }) => ({ ...c, serverDefault: dflt.sql, ...(dflt.isSql && { serverDefaultIsSql: true as const }) }));

/** `serverDefault`/`existingServerDefault` (named by `key`) with its `…IsSql` flag. */
const alterDefault = (key: "serverDefault" | "existingServerDefault", d: { sql: string | null; isSql: boolean }) => ({
  [key]: d.sql,
  ...(d.isSql && { [`${key}IsSql`]: true as const }),
});

const action = fc.option(fc.constantFrom<ReferentialAction>("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"), { nil: null });
const names = fc.array(ident, { minLength: 1, maxLength: 3 });
const optionalName = fc.option(ident, { nil: null });

export const foreignKey: fc.Arbitrary<ForeignKey> = fc
  .tuple(optionalName, fc.array(fc.tuple(ident, refColumn), { minLength: 1, maxLength: 3 }), ident, action, action)
  .map(([name, pairs, referredTable, onDelete, onUpdate]) => ({
    name,
    columns: pairs.map(([c]) => c),
    referredTable,
    referredColumns: pairs.map(([, r]) => r),
    onDelete,
    onUpdate,
  }));

const inlineForeignKey = (columnName: string): fc.Arbitrary<ForeignKey> =>
  fc.record({ name: optionalName, referredTable: ident, referred: refColumn, onDelete: action, onUpdate: action }).map(({ referred, ...fk }) => ({
    name: fk.name,
    columns: [columnName],
    referredTable: fk.referredTable,
    referredColumns: [referred],
    onDelete: fk.onDelete,
    onUpdate: fk.onUpdate,
  }));

export const uniqueConstraint: fc.Arbitrary<UniqueConstraint> = fc.record({ name: optionalName, columns: names });
export const checkConstraint: fc.Arbitrary<CheckConstraint> = fc.record({ name: optionalName, sqltext: ident });
export const index: fc.Arbitrary<Index> = fc.record({ name: ident, columns: names, unique: fc.boolean() });

export const table: fc.Arbitrary<Table> = fc.record({
  name: ident,
  columns: fc.uniqueArray(column, { selector: (c) => c.name, maxLength: 4 }),
  primaryKey: fc.option(fc.record({ name: optionalName, columns: names }), { nil: null }),
  uniqueConstraints: fc.array(uniqueConstraint, { maxLength: 2 }),
  indexes: fc.constant([]),
  foreignKeys: fc.array(foreignKey, { maxLength: 2 }),
  checkConstraints: fc.array(checkConstraint, { maxLength: 2 }),
});

const alterChanges = fc
  .record(
    {
      nullable: fc.boolean(),
      type: sqlType,
      serverDefault: serverDefaultPair,
      newColumnName: ident,
      existingType: sqlType,
      existingNullable: fc.boolean(),
      existingServerDefault: serverDefaultPair,
    },
    { requiredKeys: [] },
  )
  .map(({ serverDefault: d, existingServerDefault: e, ...rest }) => ({
    ...rest,
    ...(d && alterDefault("serverDefault", d)),
    ...(e && alterDefault("existingServerDefault", e)),
  }));

const rowValue: fc.Arbitrary<RowValue> = fc.oneof(ident, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
const rows = fc.array(fc.dictionary(ident, rowValue, { maxKeys: 3, noNullPrototype: true }), { maxLength: 3 });
const constraintType = fc.option(fc.constantFrom<ConstraintType>("unique", "foreignkey", "check", "primary"), { nil: null });

/** The ops that a batchAlterTable block may hold, all on table `t`. */
const batchOp = (t: string): fc.Arbitrary<MigrateOp> =>
  fc.oneof(
    column.chain((c) => fc.array(inlineForeignKey(c.name), { maxLength: 1 }).map((fks) => ops.addColumn(t, c, fks))),
    ident.map((c) => ops.dropColumn(t, c)),
    fc.tuple(ident, alterChanges).map(([c, changes]) => ops.alterColumn(t, c, changes)),
    index.map((ix) => ops.createIndex(t, ix)),
    ident.map((name) => ops.dropIndex(t, name)),
    uniqueConstraint.map((uq) => ops.createUniqueConstraint(t, uq)),
    foreignKey.map((fk) => ops.createForeignKey(t, fk)),
    checkConstraint.map((ck) => ops.createCheckConstraint(t, ck)),
    fc.tuple(optionalName, constraintType).map(([name, type]) => ops.dropConstraint(t, name, type)),
  );

/** Any op as a script can write it (drops without `dropped`, which scripts do not carry). */
export const anyOp: fc.Arbitrary<MigrateOp> = fc.oneof(
  table.map(ops.createTable),
  ident.map((t) => ops.dropTable(t)),
  fc.tuple(ident, ident).map(([a, b]) => ops.renameTable(a, b)),
  ident.chain(batchOp),
  fc.oneof(ident, fc.string({ unit: "binary" }), fc.constantFrom("UPDATE t SET a = 1\nWHERE b = `x` AND c = '${y}'\r\n", "a\\b")).map(ops.execute),
  fc.tuple(ident, rows).map(([t, r]) => ops.bulkInsert(t, r)),
  ident.chain((t) => fc.array(batchOp(t), { minLength: 1, maxLength: 3 }).map((inner) => ops.modifyTable(t, inner))),
);

// ---- reversible ops: every drop keeps what it dropped; every change knows the old value -------

const pairedAlter = fc
  .record(
    { type: fc.tuple(sqlType, sqlType), nullable: fc.tuple(fc.boolean(), fc.boolean()), dflt: fc.tuple(serverDefaultPair, serverDefaultPair), rename: ident },
    { requiredKeys: [] },
  )
  .map(({ type, nullable, dflt, rename }) => ({
    ...(type && { type: type[0], existingType: type[1] }),
    ...(nullable && { nullable: nullable[0], existingNullable: nullable[1] }),
    ...(dflt && { ...alterDefault("serverDefault", dflt[0]), ...alterDefault("existingServerDefault", dflt[1]) }),
    ...(rename !== undefined && { newColumnName: rename }),
  }));

const reversibleBatchOp = (t: string): fc.Arbitrary<MigrateOp> =>
  fc.oneof(
    column.chain((c) => fc.array(inlineForeignKey(c.name), { maxLength: 1 }).map((fks) => ops.addColumn(t, c, fks))),
    column.chain((c) => fc.array(inlineForeignKey(c.name), { maxLength: 1 }).map((fks) => ops.dropColumn(t, c.name, c, fks))),
    fc.tuple(ident, pairedAlter).map(([c, changes]) => ops.alterColumn(t, c, changes)),
    index.map((ix) => ops.createIndex(t, ix)),
    index.map((ix) => ops.dropIndex(t, ix.name, ix)),
    uniqueConstraint.map((uq) => ops.createUniqueConstraint(t, uq)),
    foreignKey.map((fk) => ops.createForeignKey(t, fk)),
    checkConstraint.map((ck) => ops.createCheckConstraint(t, ck)),
    uniqueConstraint.map((uq) => ops.dropConstraint(t, uq.name, "unique", uq)),
    foreignKey.map((fk) => ops.dropConstraint(t, fk.name, "foreignkey", fk)),
    checkConstraint.map((ck) => ops.dropConstraint(t, ck.name, "check", ck)),
  );

export const reversibleOp: fc.Arbitrary<MigrateOp> = fc.oneof(
  table.map(ops.createTable),
  table.map((t) => ops.dropTable(t.name, t)),
  fc.tuple(ident, ident).map(([a, b]) => ops.renameTable(a, b)),
  ident.chain(reversibleBatchOp),
  ident.chain((t) => fc.array(reversibleBatchOp(t), { maxLength: 3 }).map((inner) => ops.modifyTable(t, inner))),
);
