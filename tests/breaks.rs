//! Break repair: on pages that indent their paragraphs the flush line under an
//! indented one is the layout's evidence of a broken paragraph, but a headline under
//! a box label is never joined to it; a line opening with a comma always is.

fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let issue = jianbao::detect_bytes(text.as_bytes(), "page.txt").expect("detects");
    issue.articles.iter().map(|a| a.paragraphs.iter().map(|p| p.text.clone()).collect()).collect()
}

#[test]
fn a_flush_line_under_an_indented_piece_that_runs_on_is_rejoined() {
    // The first piece is short, indented and has no stop: it looks like a subhead.
    let page = "县里举行新春文艺演出\n\
                \u{3000}\u{3000}本报讯（记者李明）2月1日晚，云溪县新春文艺演出在县文化中心举行，全县干部群众一千余人观看了演出。\n\
                \u{3000}\u{3000}演出在欢快的锣鼓声中开始，舞蹈、小品、戏曲等节目轮番登场，赢得阵阵掌声。\n\
                \u{3000}\u{3000}演出结束后，县委书记等领导\n\
                走上舞台，亲切会见了参加演出的全体演员，祝贺演出成功。\n\
                \u{3000}\u{3000}据了解，今年全县共组织各类文艺演出二十余场。\n";
    let articles = paragraphs(page);
    assert_eq!(articles.len(), 1, "{articles:?}");
    assert!(
        articles[0]
            .iter()
            .any(|p| p == "演出结束后，县委书记等领导走上舞台，亲切会见了参加演出的全体演员，祝贺演出成功。"),
        "{:?}",
        articles[0]
    );
}

#[test]
fn a_headline_under_a_box_label_is_never_joined_to_it() {
    let page = "山区小学过新年\n\
                \u{3000}\u{3000}本报讯（记者王芳）1月30日，云溪县石门小学的师生们写春联、剪窗花，欢欢喜喜迎新年。\n\
                \u{3000}\u{3000}校长说，孩子们的作品将送到村里的孤寡老人家中。\n\
                \u{3000}\u{3000}图片来源：云溪县融媒体中心\n\
                腊八粥香飘满村\n\
                \u{3000}\u{3000}本报讯（记者赵亮）腊八这天，云溪县东河村的志愿者熬了两大锅腊八粥，送给村里的老人。\n\
                \u{3000}\u{3000}村民们说，这碗粥喝出了浓浓的年味。\n";
    let articles = paragraphs(page);
    let all: Vec<&String> = articles.iter().flatten().collect();
    assert!(all.iter().all(|p| !p.contains("腊八粥香飘满村")), "the headline was joined into a paragraph: {all:?}");
}

#[test]
fn a_line_opening_with_a_comma_is_always_the_rest_of_the_line_before() {
    // A flat text layer, no indentation: the first piece ends on a closing quote and
    // is short enough to pass for a headline; the comma opening the next line says it is not.
    let page = "县里举行新春文艺演出\n\
                本报讯（记者李明）2月1日晚，云溪县新春文艺演出在县文化中心举行，全县干部群众一千余人观看了演出。\n\
                一句“回家过年”\n\
                ，让在外打工的乡亲们早早踏上了归途，演出的不少演员就是刚回乡的青年。\n\
                据了解，今年全县共组织各类文艺演出二十余场。\n";
    let articles = paragraphs(page);
    let all: Vec<&String> = articles.iter().flatten().collect();
    assert!(
        all.iter().any(|p| p.as_str() == "一句“回家过年”，让在外打工的乡亲们早早踏上了归途，演出的不少演员就是刚回乡的青年。"),
        "{all:?}"
    );
}
