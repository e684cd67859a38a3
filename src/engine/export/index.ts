// Export to a real Flask-Migrate project (SPEC §6).

export { exportFlaskProject, exportRevisionScripts, type FlaskExportOptions, type FlaskExportResult } from "./flask-project";
export { renderPythonScript, PY_BEGIN_MARKER, PY_END_MARKER } from "./py-script";
export { renderModelsPy } from "./models-py";
export { NameStyle } from "./py-items";
export { FLASK_MIGRATE_INIT_FILES, APP_PY, FLASK_DATABASE_FILE } from "./flask-files";
export { toFilesZip } from "./zip";
