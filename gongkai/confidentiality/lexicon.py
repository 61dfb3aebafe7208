"""Word lists the personal-data detectors need (surnames, pinyin, free-mail domains, units).

Kept as plain data so that a reviewer can read and extend them; the mobile numbering plan, which has a
publisher and a date, is in data/mobile_prefixes.json with its provenance.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

# The most frequent single-character surnames (公安部户籍人口姓氏统计 lists these at the top) and the
# common compound ones. Used only to tell a personal name next to a landline from a place or an office.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉"
    "缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇"
    "桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = frozenset(
    """欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 百里""".split()  # noqa: SIM905 — a word list reads best as words
)
# Words after a name that make it a form of address for an official contact, not a private person.
OFFICIAL_TITLES = (
    "女士",
    "先生",
    "同志",
    "老师",
    "科长",
    "主任",
    "局长",
    "处长",
    "经理",
    "部长",
    "书记",
    "主席",
    "县长",
    "市长",
    "区长",
    "所长",
    "站长",
    "队长",
    "组长",
    "专员",
    "秘书",
    "馆长",
    "院长",
    "校长",
    "镇长",
    "乡长",
)
# Last characters of place and organisation names (和平路, 鼓楼区, 统计局): such a word is not a name.
PLACE_OR_ORGANISATION_ENDINGS = frozenset(
    "路街区县市省州镇乡村局厅委办院所站队处科室司部心厂店馆校学园场楼号巷道里湾港山湖桥组会社团行城台厦寓府宫苑机线"
)

# Hanyu Pinyin syllables without tones (GB/T 16159; ü written v or u), for name-like e-mail local parts.
PINYIN_SYLLABLES = frozenset(
    """a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao
    ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui
    chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die
    ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan
    gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen
    heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju
    juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai
    lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun luo lv
    lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao
    ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nue nuo nv nve o ou pa pai pan
    pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong
    qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao
    se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui
    shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou
    tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu
    xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze
    zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang
    zhui zhun zhuo zi zong zou zu zuan zui zun zuo""".split()  # noqa: SIM905 — a word list reads best as words
)
# Pinyin of the surnames above (one reading each, plus the usual romanisations of compound surnames).
SURNAME_PINYIN = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie
    song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lv
    ding ren shen yao lu jiang cui zhong tan wang fan jin shi liao jia xia fu fang bai zou meng xiong
    qin qiu yin xue yan duan lei hou long tao hao gu mao gong shao wan qian wu dai mo kong xiang chang
    wen kang niu ge xing an qi qiao pang ni zhuang nie zhang yue zhai yin zhan shen ou geng guan lan
    jiao liu gan zhu bao ning shang fu shu ruan ke ji mei tong ling bi shan pei huo tu miao qu weng ran
    lao lan xin mu nong si zhuo jian che lian lou dou rong sha sang lang zhen cong ouyang sima shangguan
    zhuge dongfang huangfu gongsun murong situ xiahou""".split()  # noqa: SIM905 — a word list reads best as words
)

# Free and consumer mail services: an address there belongs to a person (or is used like one).
FREE_MAIL_DOMAINS = frozenset(
    """qq.com vip.qq.com foxmail.com 163.com vip.163.com 126.com vip.126.com yeah.net 188.com sina.com
    sina.cn vip.sina.com sohu.com vip.sohu.com 139.com 189.cn wo.cn wo.com.cn aliyun.com tom.com
    21cn.com 263.net yahoo.com yahoo.com.cn yahoo.cn gmail.com googlemail.com hotmail.com outlook.com
    live.com live.cn msn.com icloud.com me.com mac.com protonmail.com proton.me aol.com mail.com gmx.com
    yandex.com hotmail.com.cn outlook.cn""".split()  # noqa: SIM905 — a word list reads best as words
)
# Top-level suffixes of government and military bodies: their addresses are institutional.
INSTITUTIONAL_SUFFIXES = ("gov.cn", "gov", "mil.cn", "mil")
# Local parts that name a function, not a person (checked after lower-casing; digits stripped).
ROLE_LOCAL_PARTS = frozenset(
    """info information office admin administrator webmaster postmaster hostmaster contact contacts service
    services support help helpdesk hr jobs job career careers recruit zhaopin sales marketing market
    press media news pr ir noreply mail email secretary enquiry enquiries inquiry inquiries feedback
    complaint complaints report tousu jubao zixun kefu fuwu bangong bgs xxgk gongkai zhengwu xinfang
    renshi caiwu tongji tjj tongjiju dangban jiwei jijian zhengfu shizhang xinxi wangzhan zhongxin team
    group dept department public reception mailbox master root system sys test""".split()  # noqa: SIM905 — a word list reads best as words
)

# Pinyin of places and of government functions: fuzhou@, gongan@, jiaoyu@ read like names (付舟, 龚安)
# but name an office.
ROLE_LOCAL_PARTS |= frozenset(
    """zhongguo china beijing tianjin shanghai chongqing hebei shanxi neimenggu liaoning jilin heilongjiang
    jiangsu zhejiang anhui fujian jiangxi shandong henan hubei hunan guangdong guangxi hainan sichuan
    guizhou yunnan xizang shaanxi gansu qinghai ningxia xinjiang fuzhou xiamen quanzhou zhangzhou putian
    sanming nanping longyan ningde pingtan gulou taijiang cangshan jinan mawei changle minhou lianjiang
    luoyuan minqing yongtai fuqing guangzhou shenzhen nanjing hangzhou wuhan chengdu xian shenyang
    gongan jiaoyu huanbao caizheng shuiwu minzheng renshe weijian zhujian jiaotong shuili nongye shangwu
    wenlv yingji shichang jianguan tongzhan zuzhi xuanchuan zhengfa fayuan jianchayuan renda zhengxie
    gonghui tuanwei fulian kexie wenlian tongjizhan diaocha pucha shuju""".split()  # noqa: SIM905 — a word list reads best as words
)

# Units that make a number a quantity (统计数字), not a telephone number.
UNITS = (
    "亿元",
    "万元",
    "千元",
    "百万元",
    "美元",
    "港元",
    "欧元",
    "元",
    "万亿",
    "亿",
    "万",
    "千",
    "百",
    "万人次",
    "人次",
    "万人",
    "人",
    "万吨",
    "吨",
    "千克",
    "公斤",
    "克",
    "%",
    "‰",
    "户",
    "个",
    "家",
    "台",
    "辆",
    "件",
    "次",
    "项",
    "张",
    "套",
    "头",
    "只",
    "条",
    "株",
    "所",
    "名",
    "位",
    "篇",
    "份",
    "册",
    "本",
    "千瓦时",
    "千瓦",
    "度",
    "立方米",
    "平方米",
    "平方公里",
    "平方千米",
    "公顷",
    "亩",
    "千米",
    "公里",
    "米",
    "kWh",
    "kW",
    "km",
    "kg",
    "t",
    "m2",
    "m3",
)
# Words in a table header or row label that make its numbers quantities.
QUANTITY_WORDS = (
    "单位",
    "合计",
    "总计",
    "小计",
    "总额",
    "金额",
    "总值",
    "产值",
    "增加值",
    "收入",
    "支出",
    "利润",
    "税",
    "产量",
    "销量",
    "数量",
    "人数",
    "人口",
    "户数",
    "面积",
    "规模",
    "增长",
    "增速",
    "比重",
    "占比",
    "指标",
    "数值",
    "总量",
    "余额",
    "投资",
    "消费",
    "营业",
    "资产",
    "负债",
    "价格",
    "指数",
    "亿元",
    "万元",
    "千元",
    "（元）",
    "(元)",
    "（人）",
    "(人)",
    "（吨）",
    "(吨)",
    "（户）",
    "(户)",
    "（个）",
    "(个)",
    "（%）",
    "(%)",
    "万人",
    "万吨",
    "GDP",
    "累计",
    "同比",
    "环比",
    "同期",
    "本期",
)
# Words of time in a column header (2023年, 1-10月, 一季度): a column of a statistical series. Not used
# for row labels, where a person's 出生年月 may stand beside his telephone number.
TIME_WORDS = ("年", "月", "季度")
# Words that make a number a telephone number (a header "手机", a label "联系电话：").
PHONE_WORDS = ("电话", "手机", "联系方式", "移动电话", "座机", "固话", "tel", "phone", "mobile", "电　话")


@cache
def mobile_plan() -> dict:
    """The MIIT allocation of mobile network numbers (data/mobile_prefixes.json, with its source)."""
    return json.loads((DATA / "mobile_prefixes.json").read_text(encoding="utf-8"))


@cache
def mobile_prefixes() -> frozenset[str]:
    return frozenset(mobile_plan()["mobile"])


def is_mobile_prefix(number: str) -> bool:
    """True when the 11-digit `number` starts with a network number (or network number + H0) that MIIT
    allocated to a public mobile network for handsets and data cards."""
    prefixes = mobile_prefixes()
    return number[:4] in prefixes or number[:3] in prefixes
