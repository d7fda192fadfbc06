//! Routes: the JSON API under `/api`, health at `/healthz`, and the embedded page at `/` with its
//! assets. Hardening (timeouts, body limit, concurrency limit, security headers) is applied here
//! to every route.

use std::time::Duration;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use plansearch_index::api::*;
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;

use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// Longest time a request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request body accepted (the API takes none; this bounds abuse).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Requests handled at once; more wait their turn.
pub const MAX_CONCURRENT: usize = 256;
/// Longest query string accepted, in bytes (a query of [`MAX_QUERY_CHARS`] characters, percent
/// encoded, plus filters fits well within it).
pub const MAX_QUERY_STRING_BYTES: usize = 8 * 1024;
/// Most suggestions returned.
pub const MAX_SUGGESTIONS: usize = 10;

/// Content-Security-Policy of every response: scripts and styles only from this server.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const INDEX_HTML: &str = include_str!("../assets/index.html");
/// The page's assets: ES modules served as they are (no bundler; `app.js` starts the page and
/// imports the others, one per view plus `shared.js` and `router.js`) and one stylesheet shared
/// by every view plus one per view, linked by index.html in this order.
const ASSETS: [(&str, &str); 13] = [
    ("app.js", include_str!("../assets/app.js")),
    ("shared.js", include_str!("../assets/shared.js")),
    ("router.js", include_str!("../assets/router.js")),
    ("search.js", include_str!("../assets/search.js")),
    ("searchbox.js", include_str!("../assets/searchbox.js")),
    ("trend.js", include_str!("../assets/trend.js")),
    ("passage.js", include_str!("../assets/passage.js")),
    ("commitments.js", include_str!("../assets/commitments.js")),
    ("app.css", include_str!("../assets/app.css")),
    ("search.css", include_str!("../assets/search.css")),
    ("passage.css", include_str!("../assets/passage.css")),
    ("commitments.css", include_str!("../assets/commitments.css")),
    ("media.css", include_str!("../assets/media.css")),
];

#[derive(OpenApi)]
#[openapi(
    info(title = "plansearch", description = "Full-text search over Chinese government planning documents."),
    paths(search, passage, similar, reuse, facets, suggest, commitments, trend, healthz),
    components(schemas(
        SearchRequest,
        SearchResponse,
        SimilarResponse,
        SimilarHit,
        ReuseResponse,
        ReuseDoc,
        ReuseRow,
        TrendResponse,
        TrendGroup,
        TrendPoint,
        Hit,
        PassageRecord,
        PassageView,
        Facets,
        FacetCount,
        SourceLocation,
        DepartmentHit,
        IndexStats,
        Suggestion,
        ErrorBody
    ))
)]
struct ApiDoc;

/// The application: every route with its middleware.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/search", get(search))
        .route("/api/passages/{id}", get(passage))
        .route("/api/passages/{id}/similar", get(similar))
        .route("/api/reuse", get(reuse))
        .route("/api/facets", get(facets))
        .route("/api/suggest", get(suggest))
        .route("/api/commitments", get(commitments))
        .route("/api/trend", get(trend))
        .route("/api/openapi.json", get(openapi))
        .route("/healthz", get(healthz))
        .route("/", get(page))
        .route("/assets/{name}", get(asset))
        .fallback(not_found)
        .with_state(state);
    // Outermost first: the security headers go on every response, including the 408 and 413 the
    // timeout and body limit make themselves, and every error gets the JSON body.
    api.layer(
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
            .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
            .layer(axum::middleware::map_response(json_errors))
            .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY_BYTES))
            .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
            .layer(tower::limit::ConcurrencyLimitLayer::new(MAX_CONCURRENT)),
    )
}

/// Gives the JSON error body to error responses made outside the handlers: extractor rejections
/// (a path that is not UTF-8), 405 for other methods, 408 from the timeout, 413 from the body limit.
async fn json_errors<B>(res: axum::http::Response<B>) -> Response
where
    B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    let status = res.status();
    let is_json =
        res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return res.map(axum::body::Body::new);
    }
    if status.is_server_error() {
        return ApiError { status, ..ApiError::internal() }.into_response();
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let text = axum::body::to_bytes(axum::body::Body::new(res.into_body()), 4096).await.ok();
    let text = text.map(|b| String::from_utf8_lossy(&b).trim().to_string()).filter(|t| !t.is_empty());
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        _ => "bad_request",
    };
    let message = text.unwrap_or_else(|| status.canonical_reason().unwrap_or("bad request").to_string());
    let mut out = ApiError { status, code, message }.into_response();
    if let Some(allow) = allow {
        out.headers_mut().insert(header::ALLOW, allow);
    }
    out
}

/// Runs blocking index work off the async threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        tracing::error!("search task failed: {e}");
        ApiError::internal()
    })?
}

/// Query-string pairs, with repeated keys kept.
fn pairs(raw: Option<String>) -> Result<Vec<(String, String)>, ApiError> {
    let raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY_STRING_BYTES {
        return Err(ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "query_too_long",
            message: format!("query string longer than {MAX_QUERY_STRING_BYTES} bytes"),
        });
    }
    serde_urlencoded::from_str(&raw).map_err(|e| ApiError::bad_parameter("query string", e))
}

fn number(name: &str, value: &str) -> Result<usize, ApiError> {
    value
        .trim()
        .parse()
        .map_err(|_| ApiError::bad_parameter(name, format!("`{value}` is not a non-negative whole number")))
}

/// Reads a [`SearchRequest`] from query-string pairs. Unknown parameters are ignored so that
/// pages can carry their own (such as `page`).
pub fn search_request(pairs: Vec<(String, String)>) -> Result<SearchRequest, ApiError> {
    let mut req = SearchRequest::default();
    for (k, v) in pairs {
        match k.as_str() {
            "q" => req.q = v,
            "sector" => req.sector.push(v),
            "keyword" => req.keyword.push(v),
            "doc" => req.doc.push(v),
            "department" => req.department.push(v),
            "year" => req.year.push(v),
            "region" => req.region.push(v),
            "level" => req.level.push(v),
            "kind" => req.kind.push(v),
            "issuer" => req.issuer.push(v),
            "limit" => req.limit = Some(number("limit", &v)?),
            "offset" => req.offset = Some(number("offset", &v)?),
            _ => {}
        }
    }
    Ok(req)
}

/// Search passages.
#[utoipa::path(get, path = "/api/search", params(SearchRequest),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody)))]
async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Json<SearchResponse>, ApiError> {
    let req = search_request(pairs(raw)?)?;
    let engine = state.engine();
    blocking(move || Ok(Json(engine.search(&req)?))).await
}

/// One passage with its neighbours.
#[utoipa::path(get, path = "/api/passages/{id}", params(("id" = String, Path, description = "passage id")),
    responses((status = 200, body = PassageView), (status = 404, body = ErrorBody)))]
async fn passage(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<PassageView>, ApiError> {
    let engine = state.engine();
    blocking(move || Ok(Json(engine.passage(&id)?))).await
}

/// Passages of other documents that say the same or nearly the same, best share first.
#[utoipa::path(get, path = "/api/passages/{id}/similar",
    params(("id" = String, Path, description = "passage id"),
           ("limit" = Option<usize>, Query, description = "how many (default 10, at most 100)")),
    responses((status = 200, body = SimilarResponse), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn similar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SimilarResponse>, ApiError> {
    let mut limit = None;
    for (k, v) in pairs(raw)? {
        if k == "limit" {
            limit = Some(number("limit", &v)?);
        }
    }
    let engine = state.engine();
    blocking(move || Ok(Json(engine.similar(&id, limit)?))).await
}

/// Which passages of later documents (`to`, repeatable) repeat an earlier one (`from`).
#[utoipa::path(get, path = "/api/reuse",
    params(("from" = String, Query, description = "the earlier document's id"),
           ("to" = Vec<String>, Query, description = "later documents' ids (repeatable)"),
           ("min_share" = Option<f32>, Query, description = "list passages with at least this share (default 0.5)")),
    responses((status = 200, body = ReuseResponse), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn reuse(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Json<ReuseResponse>, ApiError> {
    let (mut from, mut to, mut min_share) = (None, Vec::new(), None);
    for (k, v) in pairs(raw)? {
        match k.as_str() {
            "from" => from = Some(v),
            "to" => to.push(v),
            "min_share" => {
                let share: f32 = v
                    .trim()
                    .parse()
                    .map_err(|_| ApiError::bad_parameter("min_share", format!("`{v}` is not a number")))?;
                min_share = Some(share);
            }
            _ => {}
        }
    }
    let from = from.ok_or_else(|| ApiError::bad_parameter("from", "name the earlier document"))?;
    let engine = state.engine();
    blocking(move || Ok(Json(engine.reuse(&from, &to, min_share)?))).await
}

/// Facet value counts over the whole corpus.
#[utoipa::path(get, path = "/api/facets", responses((status = 200, body = Facets)))]
async fn facets(State(state): State<AppState>) -> Json<Facets> {
    Json(state.engine().facets().clone())
}

/// Completions for the search box.
#[utoipa::path(get, path = "/api/suggest", params(("q" = String, Query, description = "what was typed so far")),
    responses((status = 200, body = [Suggestion]), (status = 400, body = ErrorBody)))]
async fn suggest(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let mut q = String::new();
    let mut limit = 8;
    for (k, v) in pairs(raw)? {
        match k.as_str() {
            "q" => q = v,
            "limit" => limit = number("limit", &v)?.min(MAX_SUGGESTIONS),
            _ => {}
        }
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(plansearch_index::Error::QueryTooLong { chars: q.chars().count(), max: MAX_QUERY_CHARS }.into());
    }
    let engine = state.engine();
    blocking(move || Ok(Json(engine.suggest(&q, limit)?))).await
}

/// Commitments (targets and projects), filtered.
#[utoipa::path(get, path = "/api/commitments", params(CommitmentRequest),
    responses((status = 200, body = [CommitmentRecord]), (status = 400, body = ErrorBody)))]
async fn commitments(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vec<CommitmentRecord>>, ApiError> {
    let mut req = CommitmentRequest::default();
    for (k, v) in pairs(raw)? {
        match k.as_str() {
            "department" => req.department.push(v),
            "sector" => req.sector.push(v),
            "year" => req.year.push(v),
            "doc" => req.doc.push(v),
            "kind" => req.kind = Some(v),
            "status" => req.status = Some(v),
            _ => {}
        }
    }
    let engine = state.engine();
    blocking(move || Ok(Json(engine.commitments(&req)?))).await
}

/// Matching passages and documents per year; `by=region` adds one series per region.
#[utoipa::path(get, path = "/api/trend", params(SearchRequest,
        ("by" = Option<String>, Query, description = "`region`: one series per region as well")),
    responses((status = 200, body = TrendResponse), (status = 400, body = ErrorBody)))]
async fn trend(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Json<TrendResponse>, ApiError> {
    let pairs = pairs(raw)?;
    let by = pairs.iter().find(|(k, _)| k == "by").map(|(_, v)| v.clone());
    let by_region = match by.as_deref() {
        None | Some("") => false,
        Some("region") => true,
        Some(other) => return Err(ApiError::bad_parameter("by", format!("`{other}`: only `region` is known"))),
    };
    let req = search_request(pairs)?;
    let engine = state.engine();
    blocking(move || Ok(Json(if by_region { engine.trend_by_region(&req)? } else { engine.trend(&req)? }))).await
}

/// Document and passage counts.
#[utoipa::path(get, path = "/healthz", responses((status = 200, body = IndexStats)))]
async fn healthz(State(state): State<AppState>) -> Json<IndexStats> {
    Json(state.engine().stats())
}

async fn openapi() -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(_) => ApiError::internal().into_response(),
    }
}

async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], INDEX_HTML)
        .into_response()
}

/// Only the embedded assets exist; any other name (including `../` tricks) is a 404.
async fn asset(Path(name): Path<String>) -> Response {
    let Some(&(_, body)) = ASSETS.iter().find(|(n, _)| *n == name) else {
        return ApiError::not_found(format!("asset `{name}`")).into_response();
    };
    let mime = if name.ends_with(".css") { "text/css; charset=utf-8" } else { "text/javascript; charset=utf-8" };
    ([(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no route for `{}`", uri.path()))
}
