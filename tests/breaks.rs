//! Break repair: on pages that indent their paragraphs the flush line under an
//! indented one is the layout's evidence of a broken paragraph, but a headline under
//! a box label is never joined to it; a line opening with a comma always is; and a
//! clean page whose long subheads run on without a stop keeps them apart.

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

#[test]
fn long_subheads_on_a_clean_flat_page_are_never_joined_to_their_paragraphs() {
    // A PDF text layer of a feature whose subheads are long summaries without a stop:
    // many lines run on, yet no break shows a cut (no line of running text stops on a
    // comma, no word or number runs across), so the page's paragraphs are whole.
    let subheads = [
        "以群众需求为导向，把服务送到家门口，不让村民为一件事多跑一趟路",
        "让数据多跑路、让群众少跑腿，县里的政务服务搬上了手机",
        "从“等群众上门”到“上门找群众”，干部作风转变看得见摸得着",
    ];
    let page = format!(
        "云溪县便民服务改革一年间\n\
         本报记者 周芳\n\
         去年以来，云溪县把便民服务作为改革的头一件事来抓，全县十八个乡镇都建起了便民服务中心。\n\
         {}\n\
         “以前办个证要跑好几趟县城，现在在村里就办好了。”柳河村村民张大爷说。\n\
         据介绍，全县已有一百二十项服务下放到村，村民在家门口就能办理。\n\
         {}\n\
         打开手机，点开县里的政务服务平台，社保查询、医保报销等业务一目了然。\n\
         县数据中心负责人介绍，平台上线半年，已办理业务三万余件。\n\
         {}\n\
         “过去是群众找干部，现在是干部找群众。”石桥镇党委书记说，镇里的干部每周都要进村入户。\n\
         群众满意度调查显示，全县便民服务满意率达到百分之九十六。\n",
        subheads[0], subheads[1], subheads[2]
    );
    let articles = paragraphs(&page);
    let all: Vec<&String> = articles.iter().flatten().collect();
    for subhead in subheads {
        assert!(
            all.iter().all(|p| p.as_str() == subhead || !p.contains(subhead)),
            "the subhead “{subhead}” was joined into a paragraph: {all:?}"
        );
    }
}

#[test]
fn a_lead_broken_inside_its_credit_is_rejoined_and_kept() {
    // Flat broken text: the 电头 and the first reporter on one line, the second reporter
    // on the next. The first line names a reporter, but it is the lead's start, no byline.
    let page = "县城年货市场销售火爆\n\
                据新华社云溪３月２日电（记者何丽\n\
                、陈晓）春节前后，云溪县城年货市场销售额首次突破十亿元，同比增长一成以上。腊味、干货、\n\
                花卉等传统年货销售红火，本地特产通过网店卖到了省外。\n\
                溪口古街迎来客流高峰\n\
                本报云溪３月２日电记者王芳、\n\
                赵亮报道：春节假期，溪口古街日均接待游客三万余人次，\n\
                古街上的老字号店铺生意兴隆。\n";
    let articles = paragraphs(page);
    assert_eq!(articles.len(), 2, "{articles:?}");
    assert_eq!(
        articles[0][0],
        "据新华社云溪３月２日电（记者何丽、陈晓）春节前后，云溪县城年货市场销售额首次突破十亿元，同比增长一成以上。腊味、干货、花卉等传统年货销售红火，本地特产通过网店卖到了省外。"
    );
    assert_eq!(
        articles[1][0],
        "本报云溪３月２日电记者王芳、赵亮报道：春节假期，溪口古街日均接待游客三万余人次，古街上的老字号店铺生意兴隆。"
    );
}

#[test]
fn a_writers_note_cut_in_two_is_one_line_of_the_text() {
    // Flat broken text: the note closing a commentary runs over two lines; the second
    // is short and stopless like a headline, yet it ends the bracket the first opened.
    let page = "让乡村夜晚亮起来\n\
                入冬以来，云溪县在各村主干道新装太阳能路灯一千二百余盏，村民晚上出门散步、\n\
                赶集不再摸黑。路灯亮了，夜间经济也跟着活了起来，村民自产的腊肉、米酒成了抢手货。\n\
                （作者为云溪师范学院马克思主义\n\
                学院院长、乡村振兴研究中心研究员）\n\
                县城年货市场销售火爆\n\
                本报云溪３月２日电记者王芳报道：春节前后，云溪县城年货市场销售额首次突破十亿元，\n\
                同比增长一成以上。\n";
    let articles = paragraphs(page);
    assert_eq!(articles.len(), 2, "{articles:?}");
    assert_eq!(
        articles[0].last().map(String::as_str),
        Some("（作者为云溪师范学院马克思主义学院院长、乡村振兴研究中心研究员）")
    );
}

#[test]
fn a_writers_note_cut_in_two_on_a_clean_page_is_one_line_too() {
    // Every paragraph whole on its line; only the note runs over two. The page shows no
    // other cut, but a bracket opened on one line and closed on the next is one.
    let page = "让乡村夜晚亮起来\n\
                入冬以来，云溪县在各村主干道新装太阳能路灯一千二百余盏，村民晚上出门散步、赶集不再摸黑。\n\
                路灯亮了，夜间经济也跟着活了起来，村民自产的腊肉、米酒成了抢手货。\n\
                （作者为云溪师范学院马克思主义\n\
                学院院长、乡村振兴研究中心研究员）\n\
                县城年货市场销售火爆\n\
                本报云溪３月２日电记者王芳报道：春节前后，云溪县城年货市场销售额首次突破十亿元，同比增长一成以上。\n";
    let articles = paragraphs(page);
    assert_eq!(articles.len(), 2, "{articles:?}");
    assert_eq!(
        articles[0].last().map(String::as_str),
        Some("（作者为云溪师范学院马克思主义学院院长、乡村振兴研究中心研究员）")
    );
    assert_eq!(articles[0].len(), 3, "{:?}", articles[0]);
}

/// The page detected by the rules alone (no tagger): what Jianbao does without a model.
fn paragraphs_by_the_rules(text: &str) -> Vec<Vec<String>> {
    let src = jianbao::ingest::decode(text.as_bytes(), "page.txt").expect("decodes");
    let mut lang = jianbao::language::Language::new(&jianbao::language::UserDictionary::default());
    lang.tagger = None;
    let issue = jianbao::detect::detect_issue_with(&src, "page.txt", "", &lang);
    issue.articles.iter().map(|a| a.paragraphs.iter().map(|p| p.text.clone()).collect()).collect()
}

#[test]
fn nothing_runs_on_from_a_signature_or_a_credit() {
    // Readers' short comments, each signed with a dash and the writer's county; a cartoon's
    // credit under the last. None ends on a stop, none is the start of the paragraph under it.
    let page = "读者议论：乡村振兴靠什么\n\
                \n\
                乡村振兴，关键在人。留住年轻人，村里才有活力。\n\
                \n\
                ———王文西（云溪）\n\
                \n\
                产业兴旺是基础，没有产业，一切都是空谈。\n\
                \n\
                ———李东旭（东河）\n\
                \n\
                张  丹图  李  明文\n\
                \n\
                修好村道，群众出行不再难，农产品也能卖出好价钱。\n";
    for (how, articles) in [("model", paragraphs(page)), ("rules", paragraphs_by_the_rules(page))] {
        let all: Vec<&String> = articles.iter().flatten().collect();
        for closer in ["———王文西（云溪）", "———李东旭（东河）", "张  丹图  李  明文"] {
            assert!(
                all.iter().all(|p| !p.contains(closer) || p.as_str() == closer),
                "{how}: {closer} was joined to its neighbour: {all:?}"
            );
        }
    }
}

#[test]
fn a_converters_markdown_escapes_leave_the_text() {
    let page = "## 县人大常委会公告\\[第五号\\]\n\
                \n\
                本报讯（记者李明）县第十八届人民代表大会常务委员会第九次会议3月1日通过以下决定：\n\
                \n\
                1\\. 批准县人民政府关于调整部分乡镇区划的报告。\n\
                \n\
                2\\. 任命王芳为县教育局局长。\n";
    let issue = jianbao::detect_bytes(page.as_bytes(), "page.md").expect("detects");
    assert_eq!(issue.articles.len(), 1);
    let article = &issue.articles[0];
    assert_eq!(article.headline.value().as_deref(), Some("县人大常委会公告[第五号]"));
    let texts: Vec<&str> = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(texts.contains(&"1. 批准县人民政府关于调整部分乡镇区划的报告。"), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains('\\')), "{texts:?}");
}
