//! The word lists commitments are read by: comparators, commitment and project verbs, units,
//! hedges and the words that end or block a metric. Order does not matter: matching always
//! prefers the longest entry.

/// Comparators that state a direction or bound; they win over a following qualifier.
#[rustfmt::skip]
pub(super) const STRONG_COMPARATORS: &[&str] = &[
    "年均增长", "年均提高", "年均下降", "增长", "增幅", "增速", "涨幅", "突破", "超过", "新增",
    "提高到", "提高至", "提高", "提升到", "提升至", "提升", "增加到", "增加至", "增加", "增至",
    "降低到", "降低至", "降低", "下降到", "下降至", "下降", "减少到", "减少", "降至", "降到",
    "控制在", "不低于", "不少于", "不超过", "不高于", "高于", "低于", "翻番", "翻一番", "扩大到",
    "缩小到", "再降", "降", "下降为", "提高为", "增加为", "降为", "回落到", "回落至", "上升到",
    "上升至", "回升到", "上涨", "上涨到", "下跌",
];

/// Comparators that only say "reach"; a following qualifier (以上, 左右 …) is more precise.
#[rustfmt::skip]
pub(super) const WEAK_COMPARATORS: &[&str] = &[
    "达到", "达", "力争", "实现", "保持在", "稳定在", "保持", "确保", "争取", "严守", "守住",
    "设定为", "累计",
];

/// Qualifiers after a quantity.
#[rustfmt::skip]
pub(super) const SUFFIX_COMPARATORS: &[&str] = &["以上", "左右", "以内", "以下", "之内", "之上"];

/// Words that contain a comparator but are not one (增加值 is a quantity, not "increase").
#[rustfmt::skip]
pub(super) const COMPARATOR_BLOCKERS: &[&str] = &[
    "增加值", "新增长", "突破口", "增长点", "增长极", "提升行动", "覆盖面", "覆盖率",
];

/// Verbs that make a counted quantity a promise even without a comparator.
#[rustfmt::skip]
pub(super) const COMMITMENT_VERBS: &[&str] = &[
    "新增", "培育", "新培育", "改建", "覆盖", "引进", "招引", "引育", "建成", "建设", "新建", "新改建", "改造",
    "打造", "创建", "创成", "争创", "启动", "实施", "完成", "组建", "消除", "做精", "做强", "做大",
    "做优", "认定", "培训", "帮扶", "提供", "开工", "新开工", "竣工", "投用", "开通", "落地",
    "推出", "扶持", "安排", "发放", "举办", "办好", "设立", "新开", "储备", "招收", "吸引", "带动",
    "安置", "资助", "淘汰", "压减", "化解", "削减",
];

/// Words stripped from the start of a metric (besides verbs, comparators and years).
#[rustfmt::skip]
pub(super) const METRIC_LEAD: &[&str] = &[
    "全市", "我市", "全县", "我县", "全区", "我区", "全省", "我省", "全国", "我国", "年内", "今年",
    "全年", "其中", "同时", "进一步", "时期", "期间", "预计", "初步预计", "十年来", "五年来", "多年来", "五年", "十年", "多年", "连年", "持续", "加快", "大力", "积极", "努力", "并", "和", "及",
    "将", "要", "再", "力争", "争取", "确保", "的", "分别", "比上年", "较上年", "约",
];

/// Words stripped from the end of a metric (besides comparators).
#[rustfmt::skip]
pub(super) const METRIC_TRAIL: &[&str] = &[
    "分别", "的", "要", "将", "再", "平均为", "平均", "均", "为", "为止", "拟按", "按", "拟安排", "安排", "拟", "年均", "比上年",
    "较上年", "约", "近", "实际", "建设",
];

/// Words stripped from the end of the text after a unit when it serves as metric.
#[rustfmt::skip]
pub(super) const AFTER_TRAIL: &[&str] = &["建设", "工作", "目标", "任务", "行动", "等"];

/// After a baseline quantity: `从70万亿元增加到…`.
#[rustfmt::skip]
pub(super) const BASELINE_FOLLOWERS: &[&str] = &[
    "提高到", "提高至", "增加到", "增加至", "提升到", "提升至", "下降到", "下降至", "降低到",
    "降低至", "减少到", "增长到", "扩大到", "上升到", "增至", "降至", "降到", "到", "至",
];

/// Before `N条`, marks a policy's name rather than a count.
#[rustfmt::skip]
pub(super) const POLICY_NAMES: &[&str] = &["新政", "政策", "措施", "举措", "意见", "条例", "规定", "办法"];

/// Markers of a goal list: quantities after them are targets even without a verb.
#[rustfmt::skip]
pub(super) const GOAL_FRAMES: &[&str] = &["目标是", "目标为", "指标是", "目标：", "目标:"];

/// Markers of a sentence that reports the past rather than promising.
#[rustfmt::skip]
pub(super) const RETROSPECTIVE: &[&str] = &[
    "过去", "年来", "同比", "已经", "已建成", "已完成", "取得了", "实现了", "完成了", "达到了",
    "增长了", "提高了", "下降了", "新增了", "建成了", "回顾", "去年", "减少了",
    "降低了", "增加了",
];

/// Unit multipliers.
#[rustfmt::skip]
pub(super) const MULTIPLIERS: &[&str] = &["万亿", "千万", "百万", "亿", "万", "千"];

/// Counting and measuring words.
#[rustfmt::skip]
pub(super) const UNITS: &[&str] = &[
    "个百分点", "百分点", "平方公里", "平方米", "立方米", "微克/立方米", "千瓦时", "吨标准煤",
    "千瓦", "兆瓦", "公里", "千米", "公顷", "公斤", "千克", "人次", "小时", "美元", "%", "％", "‰", "元",
    "家", "个", "项", "名", "条", "岁", "亩", "人", "户", "所", "座", "套", "间", "张", "台", "辆",
    "吨", "斤", "件", "处", "批", "场", "次", "倍", "部", "册", "支", "只", "头", "株", "床", "年",
    "天", "米", "幢", "栋", "大",
];

/// Words that start with a unit but are nouns: in `900多万个体工商户` the unit is 万, not 万个.
#[rustfmt::skip]
pub(super) const UNIT_BLOCKERS: &[&str] = &[
    "个体", "人口", "人员", "人民", "人才", "人均", "年度", "年级", "年龄", "年均", "条件",
    "条例", "名单", "名称", "项目", "家庭", "家园", "家电", "所有", "所得", "场所", "次数", "部门",
    "部分", "台账", "处理", "件事", "批准",
];

/// Hedges and manner words stripped before a project verb.
#[rustfmt::skip]
pub(super) const PROJECT_HEDGES: &[&str] = &[
    "加快", "全力", "力争", "争取", "确保", "积极", "加速", "年内", "今年", "高标准", "高质量",
    "高水平", "全面", "大力", "着力", "率先", "基本", "有序", "同步", "谋划", "正式",
];

/// Verbs that open a project item.
#[rustfmt::skip]
pub(super) const PROJECT_VERBS: &[&str] = &[
    "改造提升", "提升改造", "建成", "建设", "新建", "筹建", "打造", "启动", "开通", "完成", "启用",
    "开工", "竣工", "投用", "推进",
];

/// Facility nouns a project object must end with.
#[rustfmt::skip]
pub(super) const PROJECT_HEADS: &[&str] = &[
    "学院", "大学", "学校", "中学", "小学", "幼儿园", "医院", "卫生院", "中心", "港", "园区",
    "产业园", "科创园", "公园", "机场", "高速", "高铁", "铁路", "国道", "省道", "大桥", "隧道",
    "馆", "大厦", "广场", "研究院", "体育场", "站", "水库", "大道", "古城", "新城", "新区", "景区",
    "风景带", "综合体", "剧院",
];

/// Markers of a generic or aspirational object rather than a named facility.
#[rustfmt::skip]
pub(super) const PROJECT_VAGUE: &[&str] = &[
    "一批", "一些", "若干", "多个", "一个", "各类", "一系列", "一流", "体系", "机制", "高地",
    "副中心", "区域", "综合性", "普通", "基层", "示范", "标杆", "的",
];

// ---------------------------------------------------------------------------------------------
