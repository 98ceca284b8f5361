use jianbao::corpus::{self, Form};
use std::path::PathBuf;
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let form = Form::by_name(&a[0]).unwrap();
    let pages = corpus::read_corpora(&[PathBuf::from(&a[1])]).unwrap();
    for p in &pages {
        let r = corpus::render(p, form);
        for (i, line) in r.text.lines().enumerate() {
            let l = match r.labels.get(i) { Some(Some((l, _))) => format!("{l:?}"), _ => "-".into() };
            println!("{}\t{}\t{}\t{}", p.name, i + 1, l, line);
        }
    }
}
