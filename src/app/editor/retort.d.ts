// The model and migration-script language of SPEC §1 and §2, as types, for the editor's
// IntelliSense (completion, hover, signature help). Retort never executes these files: the engine
// parses them statically and is the judge of what is valid; these declarations only guide typing.

declare module "retort" {
  // The opaque values below (types, columns, constraints…) are told apart by a private member:
  // a private member types them without being offered by completion, as a public brand was.

  /** A column type, as `db.String(64)` or `db.Integer`. */
  export abstract class TypeEngine {
    private readonly retortType: string;
  }
  /** A type usable with and without call parentheses, as SQLAlchemy allows (`db.Integer`, `db.Integer()`). */
  export interface TypeFactory<A extends unknown[]> extends TypeEngine {
    (...args: A): TypeEngine;
  }

  export interface EnumOptions {
    /** The enum's name (used by databases with a native ENUM type; on SQLite it is a VARCHAR). */
    name?: string;
  }

  export interface Types {
    Integer: TypeFactory<[]>;
    BigInteger: TypeFactory<[]>;
    SmallInteger: TypeFactory<[]>;
    /** VARCHAR(length); on SQLite the length is not enforced. */
    String: TypeFactory<[length?: number]>;
    Unicode: TypeFactory<[length?: number]>;
    Text: TypeFactory<[length?: number]>;
    UnicodeText: TypeFactory<[length?: number]>;
    Boolean: TypeFactory<[]>;
    Float: TypeFactory<[precision?: number]>;
    Numeric: TypeFactory<[precision?: number, scale?: number]>;
    Date: TypeFactory<[]>;
    DateTime: TypeFactory<[]>;
    Time: TypeFactory<[]>;
    LargeBinary: TypeFactory<[length?: number]>;
    JSON: TypeFactory<[]>;
    /** `db.Enum("new", "shipped", { name: "status" })`: a VARCHAR as long as the longest value. */
    Enum(...values: [...values: string[], options: EnumOptions] | string[]): TypeEngine;
  }

  export type ReferentialAction = "CASCADE" | "SET NULL" | "SET DEFAULT" | "RESTRICT" | "NO ACTION";

  /** A raw SQL fragment, as SQLAlchemy's `text()`. */
  export abstract class TextClause {
    private readonly retortText: string;
  }

  export interface ColumnOptions {
    /** Part of the table's primary key. */
    primaryKey?: boolean;
    /** Whether NULL is allowed (default: true, unless primaryKey). */
    nullable?: boolean;
    /** An unnamed UNIQUE constraint (named by the `uq` naming convention, if any). */
    unique?: boolean;
    /** An index named `ix_<table>_<column>` (unique when `unique` is also set). */
    index?: boolean;
    /** DEFAULT in the DDL: a string or number literal, or `db.text("CURRENT_TIMESTAMP")`. */
    serverDefault?: string | number | TextClause;
    /** A Python-side default: no effect on the schema, and autogenerate cannot see it. */
    default?: string | number | boolean | null;
    autoincrement?: boolean | "auto";
    comment?: string;
  }

  export interface ForeignKeyOptions {
    onDelete?: ReferentialAction;
    onUpdate?: ReferentialAction;
    name?: string;
  }

  export interface ConstraintOptions {
    name?: string;
  }

  export interface IndexOptions {
    unique?: boolean;
  }

  export interface RelationshipOptions {
    backref?: string;
    backPopulates?: string;
    lazy?: string | boolean;
    uselist?: boolean;
    cascade?: string;
  }

  export abstract class Column {
    private readonly retortColumn: true;
  }
  export abstract class ForeignKey {
    private readonly retortForeignKey: true;
  }
  export abstract class Constraint {
    private readonly retortConstraint: true;
  }
  export abstract class Relationship {
    private readonly retortRelationship: true;
  }

  export interface NamingConvention {
    /** Indexes, e.g. "ix_%(column_0_label)s". */
    ix?: string;
    /** Unique constraints, e.g. "uq_%(table_name)s_%(column_0_name)s". */
    uq?: string;
    /** Check constraints, e.g. "ck_%(table_name)s_%(constraint_name)s". */
    ck?: string;
    /** Foreign keys, e.g. "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s". */
    fk?: string;
    /** Primary keys, e.g. "pk_%(table_name)s". */
    pk?: string;
  }

  export interface SQLAlchemyOptions {
    /** SQLAlchemy's MetaData(naming_convention=…), with the same keys and %(…)s tokens. */
    namingConvention?: NamingConvention;
  }

  type ColumnArg = ForeignKey | ColumnOptions;

  /** A model class: `export class User extends db.Model { … }`. */
  export abstract class Model {
    /** The table name; by default the class name in snake_case (BlogPost -> blog_post). */
    static __tablename__?: string;
    /** Table-level constraints and indexes. */
    static __table_args__?: readonly Constraint[];
    /** A base class whose columns its subclasses inherit; it has no table of its own. */
    static __abstract__?: boolean;
  }

  export class SQLAlchemy implements Types {
    constructor(options?: SQLAlchemyOptions);
    readonly Model: typeof Model;
    Column(type: TypeEngine, ...args: ColumnArg[]): Column;
    Column(name: string, type: TypeEngine, ...args: ColumnArg[]): Column;
    ForeignKey(target: string, options?: ForeignKeyOptions): ForeignKey;
    /** An ORM relationship: no effect on the schema. */
    relationship(target: string, options?: RelationshipOptions): Relationship;
    text(sql: string): TextClause;
    UniqueConstraint(...args: [...columns: string[], options: ConstraintOptions] | string[]): Constraint;
    Index(name: string, ...args: [...columns: string[], options: IndexOptions] | string[]): Constraint;
    CheckConstraint(sqltext: string, options?: ConstraintOptions): Constraint;
    ForeignKeyConstraint(columns: string[], refColumns: string[], options?: ForeignKeyOptions): Constraint;
    PrimaryKeyConstraint(...args: [...columns: string[], options: ConstraintOptions] | string[]): Constraint;
    Integer: TypeFactory<[]>;
    BigInteger: TypeFactory<[]>;
    SmallInteger: TypeFactory<[]>;
    String: TypeFactory<[length?: number]>;
    Unicode: TypeFactory<[length?: number]>;
    Text: TypeFactory<[length?: number]>;
    UnicodeText: TypeFactory<[length?: number]>;
    Boolean: TypeFactory<[]>;
    Float: TypeFactory<[precision?: number]>;
    Numeric: TypeFactory<[precision?: number, scale?: number]>;
    Date: TypeFactory<[]>;
    DateTime: TypeFactory<[]>;
    Time: TypeFactory<[]>;
    LargeBinary: TypeFactory<[length?: number]>;
    JSON: TypeFactory<[]>;
    Enum(...values: [...values: string[], options: EnumOptions] | string[]): TypeEngine;
  }

  // ---- Migration scripts (SPEC §2): `import { op, sa } from "retort";` ----

  export interface AlterColumnOptions {
    nullable?: boolean;
    type?: TypeEngine;
    serverDefault?: string | number | TextClause | null;
    newColumnName?: string;
    existingType?: TypeEngine;
    existingNullable?: boolean;
    existingServerDefault?: string | number | TextClause | null;
  }

  export interface DropConstraintOptions {
    type?: "unique" | "foreignkey" | "check" | "primary";
  }

  export type Row = Record<string, string | number | boolean | null>;

  /** The operations inside `op.batchAlterTable("users", (batchOp) => { … })`. */
  export interface BatchOperations {
    addColumn(column: Column): void;
    dropColumn(name: string): void;
    alterColumn(name: string, options: AlterColumnOptions): void;
    createIndex(name: string, columns: string[], options?: IndexOptions): void;
    dropIndex(name: string): void;
    createUniqueConstraint(name: string | null, columns: string[]): void;
    createForeignKey(name: string | null, referentTable: string, localColumns: string[], remoteColumns: string[], options?: ForeignKeyOptions): void;
    createCheckConstraint(name: string | null, sqltext: string): void;
    dropConstraint(name: string, options?: DropConstraintOptions): void;
  }

  export interface Operations {
    createTable(name: string, ...items: (Column | Constraint)[]): void;
    dropTable(name: string): void;
    renameTable(oldName: string, newName: string): void;
    addColumn(table: string, column: Column): void;
    dropColumn(table: string, name: string): void;
    alterColumn(table: string, name: string, options: AlterColumnOptions): void;
    createIndex(name: string, table: string, columns: string[], options?: IndexOptions): void;
    dropIndex(name: string, options?: { tableName?: string }): void;
    createUniqueConstraint(name: string | null, table: string, columns: string[]): void;
    createForeignKey(name: string | null, sourceTable: string, referentTable: string, localColumns: string[], remoteColumns: string[], options?: ForeignKeyOptions): void;
    createCheckConstraint(name: string | null, table: string, sqltext: string): void;
    dropConstraint(name: string, table: string, options?: DropConstraintOptions): void;
    /** Raw SQL: a data migration. */
    execute(sql: string | TextClause): void;
    bulkInsert(table: string, rows: Row[]): void;
    /** SQLite cannot ALTER most things: batch mode recreates the table ("move and copy"). */
    batchAlterTable(table: string, body: (batchOp: BatchOperations) => void): void;
  }

  export interface SchemaItems extends Types {
    Column(name: string, type: TypeEngine, ...args: ColumnArg[]): Column;
    ForeignKey(target: string, options?: ForeignKeyOptions): ForeignKey;
    PrimaryKeyConstraint(...args: [...columns: string[], options: ConstraintOptions] | string[]): Constraint;
    UniqueConstraint(...args: [...columns: string[], options: ConstraintOptions] | string[]): Constraint;
    ForeignKeyConstraint(columns: string[], refColumns: string[], options?: ForeignKeyOptions): Constraint;
    CheckConstraint(sqltext: string, options?: ConstraintOptions): Constraint;
    text(sql: string): TextClause;
    /** Reflected (database) types, as autogenerate renders them. */
    VARCHAR: TypeFactory<[length?: number]>;
    INTEGER: TypeFactory<[]>;
    TEXT: TypeFactory<[]>;
    BOOLEAN: TypeFactory<[]>;
    FLOAT: TypeFactory<[]>;
    NUMERIC: TypeFactory<[precision?: number, scale?: number]>;
    DATE: TypeFactory<[]>;
    DATETIME: TypeFactory<[]>;
    TIME: TypeFactory<[]>;
    BLOB: TypeFactory<[]>;
    BIGINT: TypeFactory<[]>;
    SMALLINT: TypeFactory<[]>;
    REAL: TypeFactory<[]>;
    CHAR: TypeFactory<[length?: number]>;
  }

  export const op: Operations;
  export const sa: SchemaItems;
}
