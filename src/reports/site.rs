//! `rendezvous import-pelican` and `rendezvous export-site`: a group's reports to and from files.

use std::path::{Path, PathBuf};

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::config::Settings;
use crate::db::models::{Group, Meetup, Report};
use crate::db::repo::{groups, reports as repo};
use crate::db::Db;
use crate::error::AppError;
use crate::reports::{pelican, render_markdown};
use crate::web::handlers::assets::ASSETS;
use crate::web::handlers::reports::{atom, import_file, local_day, pelican_doc};

async fn group(db: &Db, slug: &str) -> Result<Group, String> {
    let s = slug.to_string();
    db.run(move |conn| groups::group_by_slug(conn, &s))
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no group with slug {slug:?}"))
}

/// The Markdown files at `path` (one file, or every `*.md` in a folder), sorted.
fn markdown_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    Ok(files)
}

/// Imports every file; a bad file is reported with its name and field, the others still go in.
/// Returns how many were imported and the failures.
pub async fn import_pelican(
    db: &Db,
    slug: &str,
    path: &Path,
) -> Result<(usize, Vec<String>), String> {
    let group = group(db, slug).await?;
    let files = markdown_files(path)?;
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    if files.len() < 2 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let (mut imported, mut failures) = (0, Vec::new());
    for file in files {
        bar.set_message(file.display().to_string());
        let bytes =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let g = group.clone();
        match db
            .run_write(move |conn| import_file(conn, &g, &bytes))
            .await
        {
            Ok(_) => imported += 1,
            Err(AppError::Validation(e)) => {
                failures.push(format!("{}: invalid {}", file.display(), e.field))
            }
            Err(e) => failures.push(format!("{}: {e}", file.display())),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok((imported, failures))
}

fn page(title: &str, css: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href=(css);
            }
            body { main { (body) } }
        }
    }
    .into_string()
}

fn write(path: PathBuf, content: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Pelican Markdown under `content/` and a static HTML site (index, one page a report, the
/// stylesheet, an Atom feed) with relative links, ready for any static host.
pub async fn export_site(
    db: &Db,
    settings: &Settings,
    slug: &str,
    dir: &Path,
) -> Result<usize, String> {
    let group = group(db, slug).await?;
    let g = group.id.clone();
    let list: Vec<(Report, Meetup)> = db
        .run(move |conn| repo::published_reports(conn, &g))
        .await
        .map_err(|e| e.to_string())?;
    for (report, meetup) in &list {
        let day = local_day(meetup, &group);
        write(
            dir.join("content")
                .join(format!("{day}-{}.md", report.slug)),
            &pelican::export(&pelican_doc(report, meetup, &group)),
        )?;
        let body = html! {
            p { a href="../index.html" { "← " (group.name) } }
            article {
                h1 { (report.title) }
                p { time datetime=(day) { (day) } }
                (PreEscaped(render_markdown(&report.body_markdown)))
            }
        };
        write(
            dir.join("reports").join(format!("{}.html", report.slug)),
            &page(&report.title, "../assets/style.css", body),
        )?;
    }
    let index = html! {
        h1 { (group.name) }
        ul {
            @for (report, meetup) in &list {
                li { a href={ "reports/" (report.slug) ".html" } { (report.title) } " — " (local_day(meetup, &group)) }
            }
        }
        p { a href="feed.atom" { "Atom" } }
    };
    write(
        dir.join("index.html"),
        &page(&group.name, "assets/style.css", index),
    )?;
    write(dir.join("feed.atom"), &atom(settings, &group, &list))?;
    for asset in ASSETS {
        let path = dir.join("assets").join(asset.name);
        std::fs::create_dir_all(dir.join("assets")).map_err(|e| e.to_string())?;
        std::fs::write(&path, asset.bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(list.len())
}
