//! API errors and the one place where they become HTTP statuses. User mistakes get 4xx with a
//! message that helps; internal failures get a 500 that reveals nothing (details go to the log).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `bad_query`, `not_found`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

/// An error to send to the client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn bad_parameter(name: &str, message: impl std::fmt::Display) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_parameter",
            message: format!("bad parameter `{name}`: {message}"),
        }
    }
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        ApiError { status: StatusCode::NOT_FOUND, code: "not_found", message: format!("not found: {what}") }
    }
    pub fn internal() -> Self {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, code: "internal", message: "internal error".into() }
    }
}

impl From<plansearch_index::Error> for ApiError {
    fn from(e: plansearch_index::Error) -> Self {
        use plansearch_index::Error as E;
        let (status, code) = match &e {
            E::BadQuery(_) => (StatusCode::BAD_REQUEST, "bad_query"),
            E::BadParameter { .. } => (StatusCode::BAD_REQUEST, "bad_parameter"),
            E::QueryTooLong { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "query_too_long"),
            E::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            E::BadInput { .. } | E::Text(_) => (StatusCode::BAD_REQUEST, "bad_input"),
            _ => {
                tracing::error!("internal error: {e}");
                return ApiError::internal();
            }
        };
        ApiError { status, code, message: e.to_string() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: ErrorDetail { code: self.code.to_string(), message: self.message } };
        (self.status, Json(body)).into_response()
    }
}
