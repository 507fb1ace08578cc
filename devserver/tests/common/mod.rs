#![allow(dead_code)]
//! Test helpers: an in-process server and a small JSON client.

use reqwest::{Method, StatusCode};
use saga_devserver::{serve, Config, Running};
use serde_json::{json, Value};

pub const PW: &str = "saga-demo-2026";

pub async fn server() -> Running {
    server_with(Config {
        history: 300,
        ..Config::default()
    })
    .await
}

pub async fn server_with(c: Config) -> Running {
    serve(c).await.expect("server starts")
}

#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
    pub user: Value,
}

pub struct Resp {
    pub status: StatusCode,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Resp {
    pub fn ok(self) -> Value {
        assert!(
            self.status.is_success(),
            "expected success, got {} {}",
            self.status,
            self.body
        );
        self.body
    }
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or("")
    }
}

impl Api {
    pub fn anon(base: &str) -> Api {
        Api {
            base: base.to_string(),
            http: reqwest::Client::new(),
            token: None,
            user: Value::Null,
        }
    }

    pub async fn login(base: &str, email: &str) -> Api {
        Api::login_with(base, email, PW).await
    }

    pub async fn login_with(base: &str, email: &str, password: &str) -> Api {
        let mut a = Api::anon(base);
        let r = a
            .send(
                Method::POST,
                "/api/auth/login",
                Some(json!({ "email": email, "password": password })),
            )
            .await;
        let body = r.ok();
        a.token = Some(body["token"].as_str().unwrap().to_string());
        a.user = body["user"].clone();
        a
    }

    pub fn id(&self) -> String {
        self.user["id"].as_str().unwrap().to_string()
    }

    pub async fn send(&self, m: Method, path: &str, body: Option<Value>) -> Resp {
        let mut rb = self.http.request(m, format!("{}{}", self.base, path));
        if let Some(t) = &self.token {
            rb = rb.bearer_auth(t);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.expect("request");
        let status = r.status();
        let headers = r.headers().clone();
        let text = r.text().await.unwrap_or_default();
        Resp {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
            headers,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.send(Method::POST, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> Resp {
        self.send(Method::PATCH, path, Some(body)).await
    }

    pub async fn online(&self) {
        self.post("/api/agent/status", json!({ "status": "online" }))
            .await
            .ok();
    }
}

/// Ids of a page of tickets.
pub fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}
