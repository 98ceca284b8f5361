//! Synthetic issues for the benchmarks: a fictional county paper in the shapes
//! real dumps have (headings, bylines in the lead, broken paragraphs, half-width
//! punctuation, photo captions, commentaries).

/// A fictional county paper of `pages` pages with `per_page` articles each, in the
/// shapes real dumps have: headings, bylines in the lead, broken paragraphs,
/// half-width punctuation, photo captions, commentaries.
pub fn issue(pages: usize, per_page: usize, seed: usize) -> String {
    let places = ["云溪", "青石", "溪口", "南岭", "白沙", "临江", "东坪", "西河"];
    let topics = ["春耕备耕", "项目建设", "信访接待", "乡村振兴", "安全生产", "环境整治", "职业教育", "文化惠民"];
    let names = ["林海峰", "许晴", "陶然", "周晓", "何丽", "宋建国", "沈青", "方明远"];
    let mut out = String::new();
    let mut n = seed;
    for p in 1..=pages {
        out.push_str(&format!("第{p:02}版：{}\n\n", ["要闻", "综合", "经济", "社会", "文化"][p % 5]));
        for k in 0..per_page {
            n += 1;
            let place = places[n % places.len()];
            let topic = topics[(n / 3) % topics.len()];
            let (a, b) = (names[n % names.len()], names[(n + 3) % names.len()]);
            match k % 10 {
                9 => out.push_str(&format!(
                    "\n\n\n3月{}日,{place}县{topic}现场,工作人员正在忙碌。今年以来,全县持续推进{topic}工作,成效明显。{}摄\n\n",
                    1 + n % 28,
                    names[(n + 5) % names.len()]
                )),
                7 => out.push_str(&format!(
                    "## 让{topic}更有温度\n\n□溪言\n\n云溪论坛\n\n{topic}是群众关心的大事。做好这项工作,既要立足当前,又要着眼长远,\n\n让每一项举措都落到群众心坎上。\n\n办好民生实事,重在长效。要建立健全长效机制,防止问题反弹回潮。\n\n"
                )),
                _ => out.push_str(&format!(
                    "# {place}县第{n}次推进{topic}工作\n\n本报讯(记者{a} 通讯员{b})3月{}日上午,{place}县召开{topic}推进会,研究部署下一阶段重点工作。县领导出席会议并讲话。\n\n会议指出,要提高思想认识,把{topic}摆在突出位置,早谋划、早部署、早落实,确保各项工作有序推进,全力\n\n打好主动仗。会议要求,各乡镇要压紧压实责任,加强协调联动,强化服务保障。\n\n会议还研究了其他事项。\n\n",
                    1 + n % 28
                )),
            }
        }
    }
    out
}
