// Default table names, as Flask-SQLAlchemy 3.0.3 derives them (flask_sqlalchemy/model.py).

/**
 * flask_sqlalchemy.model.camel_to_snake_case: an underscore before every capital that follows a
 * lower-case letter or digit, or that starts a capitalised word, then lower-cased with leading
 * underscores stripped. BlogPost -> blog_post, HTTPResponse -> http_response, User2 -> user2.
 */
export function camelToSnakeCase(name: string): string {
  return name
    .replace(/((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g, "_$1")
    .toLowerCase()
    .replace(/^_+/, "");
}
