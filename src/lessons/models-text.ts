// Pieces of models.ts that several lessons start from: plain text, as a learner would type it.

export const NAMING_CONVENTION = `const db = new SQLAlchemy({
  namingConvention: {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  },
});`;

export const IMPORT = `import { SQLAlchemy } from "retort";`;

/** A models.ts with the naming convention and the given classes. */
export const withConvention = (classes: string): string => `${IMPORT}\n\n${NAMING_CONVENTION}\n\n${classes}`;
