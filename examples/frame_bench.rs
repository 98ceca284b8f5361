//! Frame times of the workstation with a 300-article issue: scrolling the article
//! list, walking it with the keyboard, typing in a field. The window runs
//! headlessly (egui_kittest, no GPU): each frame is the app's UI code plus
//! egui's layout and tessellation, i.e. everything but the GPU upload.
//!
//!     cargo run --release --example frame_bench [-- --write issue-300.md]
//!
//! `--write FILE` also writes the generated issue, to open it in the real window.

use std::time::{Duration, Instant};

use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jianbao::ui::{i18n::Lang, JianbaoApp, StartOptions};

#[path = "common/synthetic.rs"]
mod synthetic;

/// What happens before each timed frame (an input event), given the frame number.
type BeforeFrame = dyn FnMut(&mut Harness<'_, JianbaoApp>, usize);

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what:<28} {:>4} frames: median {:6.2} ms, p95 {:6.2} ms, max {:6.2} ms",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(*times.last().unwrap())
    );
}

fn rss_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = synthetic::issue(10, 30, 0);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("issue-300.md");
    std::fs::write(&path, &text).expect("write issue");
    if let Some(i) = args.iter().position(|a| a == "--write") {
        let out = args.get(i + 1).expect("--write FILE");
        std::fs::write(out, &text).expect("write issue");
        println!("wrote {out}");
    }
    let options = StartOptions {
        open: Some(path),
        recovery_dir: None,
        lang: Some(Lang::En),
        native_dialogs: false,
        autosave_idle: None,
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(move |cc| JianbaoApp::new(&cc.egui_ctx, None, options));
    let started = Instant::now();
    while h.state().doc.is_none() || h.state().is_busy() {
        std::thread::sleep(Duration::from_millis(5));
        h.step();
        assert!(started.elapsed() < Duration::from_secs(30), "the issue did not open");
    }
    let articles = h.state().doc.as_ref().unwrap().issue.articles.len();
    println!(
        "issue: {} KB, {articles} articles, opened and detected in {:.0} ms",
        text.len() / 1024,
        started.elapsed().as_secs_f64() * 1e3
    );
    h.run_steps(5);

    let time_steps = |h: &mut Harness<'_, JianbaoApp>, n: usize, mut before: Box<BeforeFrame>| {
        let mut times = Vec::with_capacity(n);
        for k in 0..n {
            before(h, k);
            let t = Instant::now();
            h.step();
            // Tessellate the frame too, as the real window does before the GPU upload.
            let out = h.output();
            let primitives = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
            std::hint::black_box(primitives);
            times.push(t.elapsed());
        }
        times
    };

    // Scroll the article list with the mouse wheel.
    let list_point = egui::pos2(150.0, 500.0);
    let scroll = time_steps(
        &mut h,
        300,
        Box::new(move |h, k| {
            h.hover_at(list_point);
            let dy = if (k / 100) % 2 == 0 { -40.0 } else { 40.0 };
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, dy),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            });
        }),
    );
    report("scrolling the article list", scroll);

    // Walk the articles with the keyboard (each step selects the next one).
    h.remove_cursor();
    let walk = time_steps(&mut h, 280, Box::new(|h, _| h.key_press(Key::J)));
    report("next article (J)", walk);

    // Type into the headline field.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Headline").focus();
    h.run_steps(2);
    let typing =
        time_steps(&mut h, 200, Box::new(|h, k| h.event(egui::Event::Text(["县", "委", "会", "议"][k % 4].into()))));
    report("typing in the headline", typing);
    let typed = h.state().inspector.texts.get(&jianbao::fields::FieldName::Headline).cloned().unwrap_or_default();
    assert!(typed.chars().count() >= 200, "the typing reached the field ({} chars)", typed.chars().count());

    // Correct the cleaned text in the middle pane (Ctrl+T opens it; typing at its end).
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::T);
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Cleaned text").focus();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::End);
    let editing =
        time_steps(&mut h, 200, Box::new(|h, k| h.event(egui::Event::Text(["县", "委", "会", "议"][k % 4].into()))));
    report("typing in the cleaned text", editing);
    let body = h.state().body_edit.as_ref().map_or(0, |b| b.text.chars().count());
    assert!(body >= 200, "the typing reached the text ({body} chars)");

    if let (Some(rss), Some(hwm)) = (rss_kb("VmRSS:"), rss_kb("VmHWM:")) {
        println!(
            "memory of this process: {:.0} MB resident now, {:.0} MB at peak",
            rss as f64 / 1024.0,
            hwm as f64 / 1024.0
        );
    }
}
