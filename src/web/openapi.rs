//! The API's OpenAPI 3.1 document, built from the handlers' own annotations and types: a
//! handler without its `#[utoipa::path]` does not compile into the API, so the document cannot
//! leave an endpoint out.

use std::sync::OnceLock;

use actix_web::{get, HttpResponse};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response};
use utoipa::{PartialSchema, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::AppExt;

use super::handlers;
use super::json::{ErrorBody, ErrorDetail};

pub const PATH: &str = "/api/v1/openapi.json";

/// Every `/api/v1` endpoint.
pub fn routes(cfg: &mut ServiceConfig) {
    handlers::accounts_api::configure(cfg);
    handlers::groups_api::configure(cfg);
    handlers::bans_api::configure(cfg);
    handlers::audit_api::configure(cfg);
    handlers::meetups_api::configure(cfg);
    handlers::series_api::configure(cfg);
    handlers::messages_api::configure(cfg);
    handlers::invitations_api::configure(cfg);
    handlers::rsvps_api::configure(cfg);
    handlers::check_in_api::configure(cfg);
    handlers::cohosts_api::configure(cfg);
    handlers::stats_api::configure(cfg);
    handlers::talks_api::configure(cfg);
    handlers::venue_suggestions_api::configure(cfg);
    handlers::polls_api::configure(cfg);
    handlers::questions_api::configure(cfg);
    handlers::reports_api::configure(cfg);
    handlers::incident_reports_api::configure(cfg);
    handlers::webhooks_api::configure(cfg);
    handlers::embed_api::configure(cfg);
    handlers::explore_api::configure(cfg);
    handlers::sponsors_api::configure(cfg);
}

#[get("/openapi.json")]
pub async fn serve() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(json())
}

pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        document()
            .to_pretty_json()
            .expect("the document serialises")
    })
}

pub fn document() -> OpenApi {
    let (_, mut api) = actix_web::App::new()
        .into_utoipa_app()
        .service(utoipa_actix_web::scope("/api/v1").configure(routes))
        .split_for_parts();
    api.info.title = "rendezvous".into();
    api.info.version = env!("CARGO_PKG_VERSION").into();
    api.info.description = Some(
        "Meetups, RSVPs with a waitlist, talks, venue suggestions and reports. Sign in with \
         `POST /api/v1/auth/login` (or register) and send the token as \
         `Authorization: Bearer …`. Every error answers `{\"error\": {\"code\", \"message\", \
         \"field\"?}}`; the codes each endpoint may answer are listed with it."
            .into(),
    );
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
    );
    components
        .schemas
        .insert(ErrorBody::name().into(), ErrorBody::schema());
    components
        .schemas
        .insert(ErrorDetail::name().into(), ErrorDetail::schema());
    add_shared_errors(&mut api);
    api
}

/// The answers any endpoint may give, whatever it does (401: those that need a token).
const SHARED: [(&str, &str); 7] = [
    ("400", "`invalid_json`: a body or query that does not parse"),
    ("401", "`unauthorized`: no valid bearer token"),
    ("404", "`not_found`"),
    ("413", "`payload_too_large`"),
    (
        "415",
        "`unsupported_media_type`: a body of another type than the operation reads",
    ),
    (
        "422",
        "`validation_failed`, with the `field` at fault (control characters included)",
    ),
    (
        "503",
        "`unavailable`: the database cannot be reached; retry",
    ),
];

fn add_shared_errors(api: &mut OpenApi) {
    let error = |description: &str| {
        RefOr::T(
            Response::builder()
                .description(description)
                .content(
                    "application/json",
                    Content::new(Some(RefOr::Ref(Ref::from_schema_name(ErrorBody::name())))),
                )
                .build(),
        )
    };
    for item in api.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            let signed_in_only = operation
                .security
                .as_ref()
                .is_some_and(|s| !s.is_empty() && s.iter().all(|r| r != &Default::default()));
            let responses = &mut operation.responses.responses;
            let mut add = |status: &str, description: &str| {
                responses
                    .entry(status.to_string())
                    .or_insert_with(|| error(description));
            };
            for (status, description) in SHARED {
                if status != "401" || signed_in_only {
                    add(status, description);
                }
            }
        }
    }
}

/// `docs/api.md`, the reference for people, is written from the document: a test fails when
/// the committed page is not what the code describes (`UPDATE_DOCS=1 cargo test` rewrites it).
#[cfg(test)]
mod reference {
    use serde_json::Value;

    const PAGE: &str = "docs/api.md";

    fn schema_name(schema: &Value) -> String {
        if let Some(name) = schema["$ref"].as_str() {
            return format!(
                "[{0}](#{1})",
                name.rsplit('/').next().unwrap_or(name),
                name.rsplit('/').next().unwrap_or(name).to_lowercase()
            );
        }
        if let Some(one_of) = schema["oneOf"].as_array() {
            let names: Vec<String> = one_of.iter().map(schema_name).collect();
            return names.join(" or ");
        }
        if schema["type"] == "array" {
            return format!("array of {}", schema_name(&schema["items"]));
        }
        match &schema["type"] {
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" or "),
            Value::String(t) => t.clone(),
            _ => "object".into(),
        }
    }

    fn one_line(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn render(doc: &Value) -> String {
        let mut out = String::from(
            "# rendezvous HTTP API\n\n<!-- Written by `UPDATE_DOCS=1 cargo test` from the OpenAPI document the \
             server serves at `/api/v1/openapi.json`; do not edit by hand. -->\n\n",
        );
        out += &one_line(doc["info"]["description"].as_str().unwrap_or_default());
        out += "\n\nEvery endpoint may also answer 400 `invalid_json`, 404 `not_found`, 413 \
                `payload_too_large`, 415 `unsupported_media_type`, 422 `validation_failed` and \
                503 `unavailable`; those that \
                need a bearer token answer 401 `unauthorized` without one.\n";
        let mut by_tag: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                let tag = op["tags"][0].as_str().unwrap_or("other").to_string();
                let mut entry = format!("\n### `{} {}`\n\n", method.to_uppercase(), path);
                if let Some(summary) = op["summary"].as_str() {
                    entry += &format!("{}\n\n", one_line(summary));
                }
                let security = op["security"].as_array();
                let auth = match security {
                    Some(s)
                        if s.iter()
                            .any(|r| r.as_object().is_some_and(|o| o.is_empty())) =>
                    {
                        "optional bearer token"
                    }
                    Some(_) => "bearer token",
                    None => "none",
                };
                entry += &format!("- Authentication: {auth}\n");
                for param in op["parameters"].as_array().into_iter().flatten() {
                    entry += &format!(
                        "- Parameter `{}` ({}): {}\n",
                        param["name"].as_str().unwrap_or_default(),
                        param["in"].as_str().unwrap_or_default(),
                        one_line(param["description"].as_str().unwrap_or("")),
                    );
                }
                if let Some(content) = op["requestBody"]["content"].as_object() {
                    for (media, body) in content {
                        entry += &format!("- Body ({media}): {}\n", schema_name(&body["schema"]));
                    }
                }
                for (status, response) in op["responses"].as_object().into_iter().flatten() {
                    let shared = ["400", "401", "404", "413", "415", "422", "503"]
                        .contains(&status.as_str())
                        && response["description"]
                            .as_str()
                            .is_some_and(|d| super::SHARED.iter().any(|(_, s)| s == &d));
                    if shared {
                        continue;
                    }
                    let schema = response["content"]["application/json"]["schema"].clone();
                    let body = if schema.is_null() {
                        String::new()
                    } else {
                        format!(" {}", schema_name(&schema))
                    };
                    let description = one_line(response["description"].as_str().unwrap_or(""));
                    let description = if description.is_empty() {
                        String::new()
                    } else {
                        format!(": {description}")
                    };
                    entry += &format!("- {status}{body}{description}\n");
                }
                by_tag.entry(tag).or_default().push(entry);
            }
        }
        for (tag, entries) in by_tag {
            out += &format!("\n## {}{}\n", tag[..1].to_uppercase(), &tag[1..]);
            for entry in entries {
                out += &entry;
            }
        }
        out += "\n## Schemas\n";
        for (name, schema) in doc["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
        {
            out += &format!("\n### {name}\n\n");
            if let Some(description) = schema["description"].as_str() {
                out += &format!("{}\n\n", one_line(description));
            }
            let required: Vec<&str> = schema["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            out += "| Field | Type | Required | Notes |\n|---|---|---|---|\n";
            for (field, property) in schema["properties"].as_object().into_iter().flatten() {
                out += &format!(
                    "| `{field}` | {} | {} | {} |\n",
                    schema_name(property),
                    if required.contains(&field.as_str()) {
                        "yes"
                    } else {
                        "no"
                    },
                    one_line(property["description"].as_str().unwrap_or("")).replace('|', "\\|"),
                );
            }
        }
        out
    }

    #[test]
    fn the_committed_reference_is_current() {
        let doc = serde_json::to_value(super::document()).unwrap();
        let page = render(&doc);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PAGE);
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &page).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == page,
            "{PAGE} is out of date: run `UPDATE_DOCS=1 cargo test the_committed_reference` and commit it"
        );
    }

    /// utoipa names a schema after its type, and two types of one name silently share one
    /// schema (a response then documents the other's fields): every wire type's name is unique.
    #[test]
    fn wire_types_have_unique_names() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut paths = Vec::new();
        files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web"),
            &mut paths,
        );
        let mut seen = std::collections::HashMap::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut lines = text.lines();
            while let Some(line) = lines.next() {
                if !(line.trim_start().starts_with("#[derive") && line.contains("ToSchema")) {
                    continue;
                }
                let Some(name) = lines.by_ref().find_map(|l| {
                    let l = l.trim_start().trim_start_matches("pub ");
                    let rest = l.strip_prefix("struct ").or(l.strip_prefix("enum "))?;
                    rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                        .next()
                }) else {
                    continue;
                };
                if let Some(first) = seen.insert(name.to_string(), path.clone()) {
                    panic!("{name} is both in {first:?} and {path:?}");
                }
            }
        }
        assert!(seen.len() > 20, "wire types found: {}", seen.len());
    }
}
