"""The fixed part of the demo city: its departments, its skill taxonomy, its people's names."""

# code, Chinese name, English name, parent code, focus (skill categories its staff tend to have)
DEPARTMENTS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("GOV", "市人民政府办公厅", "General Office of the Municipal Government", "", ("egov", "comm")),
    ("GOV-SEC", "秘书一处", "First Secretariat Division", "GOV", ("comm", "egov")),
    ("GOV-SUP", "督查室", "Supervision Office", "GOV", ("egov", "data")),
    ("BDB", "市大数据管理局", "Municipal Big Data Bureau", "", ("data", "cloud")),
    ("BDB-PLAT", "数据平台处", "Data Platform Division", "BDB", ("data", "cloud", "dev")),
    ("BDB-SEC", "网络与数据安全处", "Network and Data Security Division", "BDB", ("security",)),
    ("BDB-APP", "应用推广处", "Digital Applications Division", "BDB", ("dev", "ai", "lowcode")),
    ("GAO", "市机关事务管理局", "Government Offices Administration", "", ("egov", "pm")),
    ("GAO-ASSET", "公共资产处", "Public Assets Division", "GAO", ("egov", "lowcode")),
    ("GAO-ENERGY", "节能管理处", "Energy Management Division", "GAO", ("egov", "data")),
    ("GAO-DIGI", "信息化处", "Informatisation Division", "GAO", ("cloud", "dev", "pm")),
    ("FIN", "市财政局", "Finance Bureau", "", ("data", "pm")),
    ("FIN-BUD", "预算处", "Budget Division", "FIN", ("data", "egov")),
    ("FIN-PROC", "政府采购处", "Government Procurement Division", "FIN", ("pm", "egov")),
    (
        "HRSS",
        "市人力资源和社会保障局",
        "Human Resources and Social Security Bureau",
        "",
        ("comm", "egov"),
    ),
    ("HRSS-CS", "公务员管理处", "Civil Service Division", "HRSS", ("comm", "data")),
    ("HRSS-TRAIN", "培训处", "Training Division", "HRSS", ("comm", "lowcode")),
    ("PNR", "市规划和自然资源局", "Planning and Natural Resources Bureau", "", ("gis", "data")),
    ("PNR-GIS", "测绘地理信息处", "Surveying and GIS Division", "PNR", ("gis",)),
    ("TRANS", "市交通运输局", "Transport Bureau", "", ("data", "gis")),
    ("TRANS-ITS", "智慧交通处", "Intelligent Transport Division", "TRANS", ("data", "ai", "gis")),
    ("HEALTH", "市卫生健康委员会", "Health Commission", "", ("data", "egov")),
    (
        "HEALTH-INFO",
        "卫生信息中心",
        "Health Information Centre",
        "HEALTH",
        ("data", "security", "dev"),
    ),
    ("EDU", "市教育局", "Education Bureau", "", ("comm", "lowcode")),
    ("EMG", "市应急管理局", "Emergency Management Bureau", "", ("egov", "gis")),
    ("EMG-CMD", "应急指挥中心", "Emergency Command Centre", "EMG", ("egov", "cloud", "gis")),
    ("MKT", "市市场监督管理局", "Market Regulation Bureau", "", ("data", "egov")),
    ("ECO", "市生态环境局", "Ecology and Environment Bureau", "", ("data", "gis")),
    ("ECO-MON", "环境监测站", "Environmental Monitoring Station", "ECO", ("data", "ai", "gis")),
    ("AUD", "市审计局", "Audit Bureau", "", ("data", "pm")),
    ("AUD-IT", "计算机审计处", "IT Audit Division", "AUD", ("data", "security")),
    ("CIVIL", "市民政局", "Civil Affairs Bureau", "", ("egov", "comm")),
    ("HOUS", "市住房和城乡建设局", "Housing and Urban-Rural Development Bureau", "", ("gis", "pm")),
]

# code, Chinese name, English name
CATEGORIES: list[tuple[str, str, str]] = [
    ("data", "数据分析与治理", "Data analysis and governance"),
    ("security", "网络安全", "Cyber security"),
    ("cloud", "云计算与运维", "Cloud and operations"),
    ("dev", "软件开发", "Software development"),
    ("gis", "地理信息", "Geographic information"),
    ("ai", "人工智能应用", "AI applications"),
    ("lowcode", "低代码", "Low-code"),
    ("pm", "项目管理", "Project management"),
    ("egov", "数字政务业务", "Digital government"),
    ("comm", "沟通与协作", "Communication and collaboration"),
]

# category, code, Chinese name, English name, synonyms
SKILLS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("data", "python", "Python 编程", "Python programming", ("Python", "py")),
    ("data", "sql", "SQL 数据查询", "SQL", ("结构化查询语言",)),
    ("data", "statistics", "统计分析", "Statistical analysis", ("统计",)),
    ("data", "data-visualisation", "数据可视化", "Data visualisation", ("BI", "可视化")),
    ("data", "data-governance", "数据治理", "Data governance", ()),
    ("data", "data-standards", "数据标准管理", "Data standards", ()),
    ("data", "master-data", "主数据管理", "Master data management", ("MDM",)),
    ("data", "excel-advanced", "Excel 高级应用", "Advanced Excel", ("Excel",)),
    ("data", "r-language", "R 语言", "R programming", ("R",)),
    ("data", "data-sharing", "政务数据共享", "Government data sharing", ("数据共享",)),
    ("data", "data-quality", "数据质量管理", "Data quality management", ()),
    ("data", "etl", "数据集成与ETL", "Data integration and ETL", ("ETL",)),
    ("data", "big-data", "大数据平台", "Big data platforms", ("Hadoop", "Spark")),
    ("security", "network-security", "网络安全防护", "Network security", ("网安",)),
    ("security", "mlps", "等级保护", "Classified protection (MLPS 2.0)", ("等保", "等保2.0")),
    ("security", "penetration-testing", "渗透测试", "Penetration testing", ("pentest",)),
    ("security", "security-operations", "安全运营", "Security operations", ("SOC",)),
    ("security", "incident-response", "应急响应", "Incident response", ()),
    ("security", "data-security", "数据安全", "Data security", ()),
    ("security", "cryptography", "商用密码应用", "Commercial cryptography", ("密评",)),
    (
        "security",
        "identity-access",
        "身份认证与访问控制",
        "Identity and access management",
        ("IAM",),
    ),
    ("security", "security-audit", "安全审计", "Security auditing", ()),
    (
        "security",
        "privacy-protection",
        "个人信息保护",
        "Personal information protection",
        ("隐私保护",),
    ),
    ("cloud", "cloud-operations", "政务云运维", "Government cloud operations", ("云运维",)),
    ("cloud", "linux", "Linux 系统管理", "Linux administration", ("Linux",)),
    ("cloud", "kubernetes", "容器与 Kubernetes", "Containers and Kubernetes", ("K8s", "Docker")),
    ("cloud", "networking", "网络工程", "Network engineering", ()),
    ("cloud", "database-admin", "数据库管理", "Database administration", ("DBA",)),
    ("cloud", "devops", "DevOps 与持续交付", "DevOps and continuous delivery", ("CI/CD",)),
    ("cloud", "monitoring", "运维监控", "Operations monitoring", ()),
    ("cloud", "xinchuang", "信创适配", "Domestic IT stack adaptation", ("信创",)),
    ("cloud", "storage-backup", "存储与备份", "Storage and backup", ()),
    ("cloud", "datacenter", "数据中心管理", "Data centre management", ("机房管理",)),
    ("dev", "java", "Java 开发", "Java development", ("Java",)),
    ("dev", "web-frontend", "前端开发", "Web front-end development", ("JavaScript", "前端")),
    ("dev", "mobile-apps", "移动应用开发", "Mobile app development", ("小程序",)),
    ("dev", "api-design", "接口设计", "API design", ("API",)),
    ("dev", "software-testing", "软件测试", "Software testing", ("测试",)),
    ("dev", "system-architecture", "系统架构设计", "Systems architecture", ("架构",)),
    ("dev", "requirements-analysis", "需求分析", "Requirements analysis", ()),
    ("dev", "ux-design", "用户体验设计", "User experience design", ("UX", "UI设计")),
    ("gis", "gis", "地理信息系统", "Geographic information systems", ("GIS",)),
    ("gis", "remote-sensing", "遥感影像分析", "Remote sensing", ("遥感",)),
    ("gis", "surveying", "测绘", "Surveying and mapping", ()),
    ("gis", "spatial-analysis", "空间分析", "Spatial analysis", ()),
    ("gis", "digital-twin", "数字孪生城市", "Digital twin city", ("CIM",)),
    ("gis", "bim", "建筑信息模型", "Building information modelling", ("BIM",)),
    ("ai", "machine-learning", "机器学习", "Machine learning", ("ML",)),
    (
        "ai",
        "llm-applications",
        "大模型应用",
        "Large language model applications",
        ("LLM", "大语言模型", "AIGC"),
    ),
    ("ai", "nlp", "自然语言处理", "Natural language processing", ("NLP",)),
    ("ai", "computer-vision", "计算机视觉", "Computer vision", ("CV",)),
    ("ai", "prompt-engineering", "提示词工程", "Prompt engineering", ()),
    ("ai", "rpa", "流程自动化", "Robotic process automation", ("RPA",)),
    ("ai", "ai-governance", "人工智能治理", "AI governance", ()),
    ("lowcode", "low-code-platforms", "低代码平台搭建", "Low-code platform building", ("低代码",)),
    ("lowcode", "form-workflow", "表单与流程设计", "Forms and workflow design", ("流程设计",)),
    ("lowcode", "dashboards", "数据看板搭建", "Dashboard building", ("看板",)),
    ("lowcode", "office-automation", "办公自动化", "Office automation", ("OA",)),
    ("pm", "project-management", "项目管理", "Project management", ("PMP",)),
    ("pm", "it-procurement", "信息化项目采购", "IT procurement", ()),
    ("pm", "vendor-management", "外包服务管理", "Outsourced service management", ("外包管理",)),
    ("pm", "agile", "敏捷方法", "Agile methods", ("Scrum",)),
    ("pm", "budget-planning", "信息化预算编制", "IT budget planning", ()),
    ("pm", "change-management", "组织变革管理", "Change management", ()),
    ("pm", "risk-management", "项目风险管理", "Project risk management", ()),
    ("egov", "egov-services", "一网通办", "One-stop online government services", ("政务服务",)),
    ("egov", "city-operations", "一网统管", "Unified city operations", ("城市运行",)),
    ("egov", "smart-offices", "智慧机关事务", "Smart government offices", ("智慧机关",)),
    ("egov", "egov-planning", "政务信息化规划", "E-government planning", ()),
    ("egov", "policy-analysis", "政策分析", "Policy analysis", ()),
    ("egov", "open-data", "公共数据开放", "Open public data", ("数据开放",)),
    ("egov", "energy-management", "公共机构节能管理", "Public-sector energy management", ("节能",)),
    ("egov", "asset-management", "公物仓与资产管理", "Public asset management", ("资产管理",)),
    ("egov", "archives-digitisation", "档案数字化", "Archives digitisation", ("电子档案",)),
    ("egov", "emergency-command", "应急指挥调度", "Emergency command and dispatch", ()),
    ("egov", "digital-literacy-training", "数字素养培训", "Digital literacy training", ()),
    ("comm", "training-delivery", "授课与培训", "Teaching and training", ("授课",)),
    ("comm", "official-writing", "公文写作", "Official document writing", ("公文",)),
    ("comm", "coordination", "跨部门协调", "Cross-department coordination", ()),
    ("comm", "data-storytelling", "数据汇报", "Presenting with data", ()),
    ("comm", "english-communication", "英语沟通", "English communication", ("英语",)),
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_NAME_CHARACTERS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建飞鹏辉俊晨欣怡浩宇子涵博文思雨佳琪梓轩雅婷"
    "志强海燕晓东红梅建国文静立新国庆春燕云鹏宏伟丹阳振华嘉怡天佑若曦"
)

POSITIONS = {
    "leader": ("局长", "副局长", "处长", "副处长", "主任"),
    "general": ("科员", "主任科员", "一级主任科员", "科长", "副科长", "四级调研员"),
    "specialist": (
        "工程师",
        "高级工程师",
        "数据分析师",
        "网络安全工程师",
        "系统架构师",
        "GIS 工程师",
    ),
}

# Region codes of the national ID numbers the demo makes up (the city and its districts).
REGION_CODES = ("110101", "110102", "110105", "110106", "110108", "110112")

NEED_TITLES: dict[str, list[tuple[str, list[str]]]] = {
    "data": [
        ("数据分析专员（防汛数据看板）", ["python", "data-visualisation", "statistics"]),
        ("数据治理骨干（政务数据目录）", ["data-governance", "data-standards", "sql"]),
        ("数据质量稽核支援", ["data-quality", "sql", "excel-advanced"]),
        ("大数据平台迁移工程师", ["big-data", "etl", "linux"]),
    ],
    "security": [
        ("等保测评配合人员", ["mlps", "network-security", "security-audit"]),
        ("数据安全评估专家", ["data-security", "privacy-protection", "cryptography"]),
        ("安全运营值守支援", ["security-operations", "incident-response", "linux"]),
    ],
    "cloud": [
        ("政务云迁移运维工程师", ["cloud-operations", "linux", "database-admin"]),
        ("信创适配测试工程师", ["xinchuang", "software-testing", "linux"]),
        ("容器平台建设骨干", ["kubernetes", "devops", "monitoring"]),
    ],
    "dev": [
        ("一网通办接口开发", ["api-design", "java", "egov-services"]),
        ("小程序前端开发", ["web-frontend", "mobile-apps", "ux-design"]),
        (
            "业务系统需求分析",
            ["requirements-analysis", "system-architecture", "project-management"],
        ),
    ],
    "gis": [
        ("国土空间规划 GIS 分析", ["gis", "spatial-analysis", "remote-sensing"]),
        ("数字孪生城市建模", ["digital-twin", "bim", "gis"]),
        ("应急地图服务支援", ["gis", "emergency-command", "data-visualisation"]),
    ],
    "ai": [
        ("大模型政务问答试点", ["llm-applications", "prompt-engineering", "python"]),
        ("环境监测图像识别", ["computer-vision", "machine-learning", "python"]),
        ("公文智能校对试点", ["nlp", "official-writing", "llm-applications"]),
    ],
    "lowcode": [
        ("低代码审批流程搭建", ["low-code-platforms", "form-workflow", "office-automation"]),
        ("资产管理看板搭建", ["dashboards", "asset-management", "excel-advanced"]),
    ],
    "pm": [
        ("信息化项目经理", ["project-management", "it-procurement", "vendor-management"]),
        ("外包服务台账梳理", ["vendor-management", "excel-advanced", "coordination"]),
    ],
    "egov": [
        ("智慧机关事务平台推广", ["smart-offices", "training-delivery", "coordination"]),
        ("公共机构能耗监测分析", ["energy-management", "data-visualisation", "statistics"]),
        ("档案数字化专项", ["archives-digitisation", "data-quality", "project-management"]),
    ],
    "comm": [
        (
            "数字素养培训讲师",
            ["digital-literacy-training", "training-delivery", "data-storytelling"],
        ),
        ("跨部门专班联络员", ["coordination", "official-writing", "policy-analysis"]),
    ],
}

# username, display name, department, tier, position, roles
DEMO_ACCOUNTS: list[tuple[str, str, str, str, str, tuple[str, ...]]] = [
    ("staff", "张晓明", "GAO-DIGI", "general", "主任科员", ("staff",)),
    ("organiser", "李芳", "HRSS-TRAIN", "general", "科长", ("staff", "organiser")),
    ("hr", "王静", "HRSS-CS", "general", "副处长", ("staff", "hr")),
    ("depthead", "陈建国", "BDB", "leader", "局长", ("staff", "dept_head")),
    ("admin", "赵磊", "GAO-DIGI", "specialist", "高级工程师", ("staff", "admin")),
]

# Study groups. Each: name, description, skills, join policy, capacity, owner, the other demo
# accounts and how they stand, how many other staff are members, topics, and the chat, oldest
# first: (author, topic or "", body, minutes ago). An author is a demo username or the index
# of one of the other members.
DEMO_GROUPS: list[
    tuple[
        str,
        str,
        tuple[str, ...],
        str,
        int | None,
        str,
        tuple[tuple[str, str], ...],
        int,
        tuple[str, ...],
        tuple[tuple[str | int, str, str, int], ...],
    ]
] = [
    (
        "Python 数据分析学习小组",
        "每周三晚上一起做一道政务数据分析练习：从清洗、统计到可视化。欢迎零基础的同事。",
        ("python", "statistics", "data-visualisation"),
        "open",
        None,
        "admin",
        (("staff", "member"), ("depthead", "member")),
        14,
        ("作业答疑", "资料分享"),
        (
            (
                "admin",
                "",
                "欢迎大家！本周练习：用 pandas 汇总各区 12345 热线工单的月度趋势。",
                4320,
            ),
            (0, "", "请问数据文件在哪里下载？", 4300),
            ("admin", "资料分享", "数据在共享盘“学习小组/第3周”目录，已脱敏。", 4290),
            (1, "作业答疑", "groupby 之后画折线图，日期轴总是乱序，怎么处理？", 2900),
            (
                "staff",
                "作业答疑",
                "先把日期列转成 datetime 再排序：pd.to_datetime，然后 sort_values。",
                2880,
            ),
            (1, "作业答疑", "好了，谢谢 @staff！", 2870),
            ("depthead", "", "分析做得很好，下个月可以拿真实的能耗数据试一试。", 1440),
            (2, "资料分享", "推荐《利用 Python 进行数据分析》第三版，第 10 章讲分组聚合。", 600),
            ("admin", "", "@staff 周三的分享可以请你讲讲日期处理吗？", 90),
            (0, "", "期待！", 45),
        ),
    ),
    (
        "等保 2.0 备考互助",
        "准备网络安全等级保护测评师考试的同事互相答疑、分享真题解析。",
        ("mlps", "network-security", "security-audit"),
        "approval",
        20,
        "depthead",
        (("admin", "moderator"), ("staff", "pending")),
        8,
        (),
        (
            ("depthead", "", "考试大纲已更新，重点看安全计算环境和安全管理中心两部分。", 2000),
            (0, "", "有没有测评报告模板可以参考？", 1900),
            ("admin", "", "模板放在群公告里了，注意去掉真实单位名称。", 1850),
        ),
    ),
    (
        "低代码实践营",
        "用低代码平台两周做出一个部门小应用。名额有限，满员后进入候补。",
        ("low-code-platforms", "form-workflow", "dashboards"),
        "open",
        10,
        "organiser",
        (("hr", "member"),),
        8,
        ("第一期作品",),
        (
            ("organiser", "", "第一期已满员，候补的同事有空位会自动补上。", 3000),
            (3, "第一期作品", "我们做了一个会议室预约表单，审批流三步。", 1200),
            ("hr", "第一期作品", "很实用！培训报名能不能也这样做？", 1100),
        ),
    ),
    (
        "数字孪生城市读书会",
        "邀请制读书会：每月读一篇 CIM 与数字孪生的论文或标准，线下讨论。",
        ("digital-twin", "gis", "bim"),
        "invite",
        None,
        "organiser",
        (("staff", "invited"),),
        5,
        (),
        (("organiser", "", "本月读《城市信息模型（CIM）基础平台技术导则》。", 5000),),
    ),
]

# The exchange week to come, published: its rooms (name, seats, where) and its sessions. Each
# session: day of the week (0: Monday), start, end, kind, title, description, room, speakers
# (a demo username or an outside speaker's name), skills, seats of its own (None: the room's),
# the tiers that must attend, and who registers: demo usernames, then how many other staff.
DEMO_WEEK = (
    "数据治理与数字政务交流周",
    "围绕政务数据治理、共享与安全，各部门业务骨干和技术人员集中学习、交流实践经验。",
)
DEMO_WEEK_ROOMS: list[tuple[str, int, str]] = [
    ("报告厅", 120, "市民中心 A 座 1 层"),
    ("第一会议室", 30, "市民中心 A 座 3 层"),
    ("培训教室", 12, "市民中心 B 座 2 层"),
]
DEMO_WEEK_SESSIONS: list[
    tuple[
        int,
        str,
        str,
        str,
        str,
        str,
        str,
        tuple[str, ...],
        tuple[str, ...],
        int | None,
        tuple[str, ...],
        tuple[str, ...],
        int,
    ]
] = [
    (
        0,
        "09:00",
        "10:30",
        "lecture",
        "开幕讲座：政务数据治理的新要求",
        "解读数据治理的最新政策与考核要求，介绍本市数据资源目录建设进展。",
        "报告厅",
        ("depthead", "刘教授（市行政学院）"),
        ("data-governance", "data-standards"),
        None,
        ("leader",),
        ("staff", "organiser"),
        40,
    ),
    (
        0,
        "14:00",
        "16:30",
        "workshop",
        "数据清洗实战工作坊",
        "用 Python 清洗一份真实的 12345 热线工单数据：缺失值、重复、编码问题逐一处理。",
        "培训教室",
        ("admin",),
        ("python", "data-quality"),
        None,
        (),
        ("staff", "depthead"),
        12,
    ),
    (
        1,
        "09:00",
        "11:00",
        "tech_exchange",
        "技术交流会：政务数据共享接口的安全设计",
        "各部门介绍数据共享接口的鉴权、脱敏与审计做法，现场讨论共性问题。",
        "第一会议室",
        ("孙工（市大数据中心）",),
        ("data-sharing", "data-security"),
        None,
        ("specialist",),
        ("staff",),
        18,
    ),
    (
        1,
        "14:00",
        "15:30",
        "case_study",
        "案例研讨：一网通办事项的数据标准统一",
        "以不动产登记为例，研讨跨部门数据标准不一致带来的问题与解决路径。",
        "第一会议室",
        ("hr", "周处长（市政务服务中心）"),
        ("data-standards", "master-data"),
        25,
        (),
        (),
        9,
    ),
    (
        2,
        "09:30",
        "11:30",
        "site_visit",
        "现场参观：城市运行管理中心",
        "参观城市运行管理中心大屏与指挥调度流程，了解数据如何支撑日常运行。",
        "报告厅",
        ("城市运行管理中心讲解员",),
        ("data-visualisation",),
        20,
        (),
        (),
        20,
    ),
    (
        3,
        "09:00",
        "10:30",
        "lecture",
        "数据安全与个人信息保护",
        "结合近期案例讲解数据分类分级、个人信息保护要求与常见风险。",
        "报告厅",
        ("王律师（市司法局法律顾问）",),
        ("data-security",),
        None,
        ("general", "specialist"),
        ("staff",),
        35,
    ),
]

# The times an upcoming session's speakers cannot come, by its title: (day, from, to).
DEMO_WEEK_SPEAKERS_AWAY: dict[str, tuple[tuple[int, str, str], ...]] = {
    "开幕讲座：政务数据治理的新要求": ((2, "08:00", "18:00"),),  # teaching at the Academy
}

# The exchange week five weeks ago, closed: its rooms and sessions as ``DEMO_WEEK_SESSIONS``
# (without seats of their own). Who came is drawn: on time, late, leaving early or absent.
DEMO_PAST_WEEK = (
    "政务服务标准化交流周",
    "交流各部门政务服务事项标准化、办事指南编制和好差评整改的做法。",
)
DEMO_PAST_WEEK_ROOMS: list[tuple[str, int, str]] = [
    ("报告厅", 120, "市民中心 A 座 1 层"),
    ("第二会议室", 24, "市民中心 A 座 5 层"),
]
DEMO_PAST_WEEK_SESSIONS: list[
    tuple[
        int,
        str,
        str,
        str,
        str,
        str,
        str,
        tuple[str, ...],
        tuple[str, ...],
        tuple[str, ...],
        tuple[str, ...],
        int,
    ]
] = [
    (
        0,
        "09:00",
        "10:30",
        "lecture",
        "政务服务事项标准化的要求与进展",
        "解读事项要素统一、办事指南规范编制的要求，通报全市进展。",
        "报告厅",
        ("周处长（市政务服务中心）",),
        ("data-standards",),
        ("leader", "general"),
        ("staff", "depthead"),
        30,
    ),
    (
        1,
        "14:00",
        "16:00",
        "case_study",
        "案例研讨：“好差评”差评整改闭环",
        "以三个差评工单为例，研讨从受理、核查到整改回访的闭环做法。",
        "第二会议室",
        ("hr",),
        ("data-quality",),
        (),
        ("staff",),
        16,
    ),
    (
        2,
        "09:30",
        "11:30",
        "workshop",
        "办事指南编写工作坊",
        "分组改写一份办事指南：材料清单、办理流程和常见问题。",
        "第二会议室",
        ("organiser",),
        ("master-data",),
        (),
        (),
        18,
    ),
]
# Drawn for those who came and said something (the ratings are drawn too).
DEMO_FEEDBACK_COMMENTS = [
    "案例贴近实际，回去就能用。",
    "希望多留一些讨论时间。",
    "讲得很清楚，材料也很实用。",
    "建议下次提前发放资料。",
    "分组练习很有收获。",
    "会场有点拥挤，其他都很好。",
]
