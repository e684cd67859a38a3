// SQLite -> schema. The only entry points other modules use.
export { reflectSchema, reflectTable, VERSION_TABLE } from "./reflect";
