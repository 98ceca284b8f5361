fn main() {
    let t = std::time::Instant::now();
    let j = jieba_rs::Jieba::new();
    println!("load {:?}", t.elapsed());
    let text = std::env::args().nth(1).unwrap();
    for tag in j.tag(&text, true) {
        print!("{}/{} ", tag.word, tag.tag);
    }
    println!();
    for w in [
        "习近平",
        "师生",
        "杨正栋",
        "郭新杰",
        "介绍",
        "科学院",
        "职业学院",
        "集团",
        "焦作",
        "沁阳",
        "信访局",
        "中心",
        "总监",
    ] {
        print!("{w}:{} ", j.has_word(w));
    }
    println!();
}
