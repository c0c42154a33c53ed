use actix_web::{get, web, HttpResponse};

use crate::views::home::home;
use crate::views::layout::render;
use crate::web::extract::Page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home_page);
}

#[get("/")]
async fn home_page(page: Page) -> HttpResponse {
    render(home(&page.chrome()))
}
