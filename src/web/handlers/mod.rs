pub mod accounts;
pub mod accounts_api;
pub mod accounts_pages;
pub mod assets;
pub mod health;
pub mod home;
