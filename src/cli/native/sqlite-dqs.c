/*
 * A SQLite extension for Retort's native binding (better-sqlite3), loaded into every connection.
 *
 * better-sqlite3 compiles SQLite with SQLITE_DQS=0, so "text" in double quotes is only ever an
 * identifier. Python's sqlite3 (Debian's libsqlite3, which real Flask-Migrate uses) and sql.js
 * keep SQLite's default, where a double-quoted word that names no column is read as a string:
 * `UPDATE users SET role = "admin"` works in Flask-Migrate. This turns that default back on, and
 * turns off SQLITE_DBCONFIG_DEFENSIVE, which better-sqlite3 sets and the other two do not.
 * Nothing else can reach sqlite3_db_config from JavaScript. Built by scripts/build-cli.js.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_extension_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  (void)error;
  SQLITE_EXTENSION_INIT2(api);
  if (sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 1, (int *)0) != SQLITE_OK) return SQLITE_ERROR;
  if (sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 1, (int *)0) != SQLITE_OK) return SQLITE_ERROR;
  if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 0, (int *)0) != SQLITE_OK) return SQLITE_ERROR;
  return SQLITE_OK;
}
