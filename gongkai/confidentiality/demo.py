"""Demo negative list of a municipal statistics bureau.

Articles cited from the texts in docs (条例 = 《中华人民共和国政府信息公开条例》2019; 统计法 = 2024 amendment,
in which the protection of individual respondents' data is Art. 28 — Art. 25 before 2024, the number the
2017 implementing regulations still cite).
"""

from . import services
from .models import NegativeListEntry

ENTRIES = [
    (
        "依法确定为国家秘密的统计资料及其他政府信息",
        "《中华人民共和国政府信息公开条例》第十四条；《中华人民共和国保守国家秘密法》；《中华人民共和国统计法》第十一条",
        "涉密统计资料\n国家秘密事项一览表",
        "标有“秘密”“机密”“绝密”密级标志的文件，保密审查时自动识别。",
    ),
    (
        "统计调查中获得的能够识别或者推断单个统计调查对象身份的资料",
        "《中华人民共和国统计法》第二十八条；《中华人民共和国统计法实施条例》第二十九条、第三十条；"
        "《中华人民共和国政府信息公开条例》第十四条",
        "统计调查对象名录\n原始调查表\n一套表原始数据\n住户调查记账",
        "包括直接标明单个调查对象身份的资料，通过地址、编码等可以识别或推断其身份的资料，"
        "以及可以推断单个调查对象身份的汇总资料（如只有一两家企业的分组数据）。",
    ),
    (
        "涉及调查对象商业秘密、个人隐私和个人信息的政府信息",
        "《中华人民共和国政府信息公开条例》第十五条；《中华人民共和国统计法》第十一条",
        "企业财务状况原始报表\n记账户名单",
        "第三方同意公开或者不公开会对公共利益造成重大影响的，依照条例第十五条予以公开。",
    ),
    (
        "正式公布前的统计数据",
        "《中华人民共和国统计法实施条例》第二十八条；《中华人民共和国政府信息公开条例》第十四条",
        "未公布的统计数据\n数据发布前严禁外传",
        "统计数据按照数据发布日程公布，公布前不得对外提供。",
    ),
    (
        "内部事务信息（人事管理、后勤管理、内部工作流程等）",
        "《中华人民共和国政府信息公开条例》第十六条第一款",
        "干部考察材料\n内部工作流程图（不公开）",
        "",
    ),
    (
        "过程性信息和行政执法案卷信息（讨论记录、过程稿、磋商信函、请示报告等）",
        "《中华人民共和国政府信息公开条例》第十六条第二款",
        "统计执法检查案卷\n局长办公会议讨论记录",
        "法律、法规、规章规定上述信息应当公开的，从其规定。",
    ),
]


def load_negative_list(*, agency, users, stdout=None):
    """Idempotent: matters already on the list are left as they are."""
    actor = users.get("gongkaiban") or next(
        (u for u in users.values() if u.roles and "openness_office" in {r.value for r in u.roles}), None
    )
    created = 0
    for order, (matter, basis, terms, note) in enumerate(ENTRIES, start=1):
        if NegativeListEntry.objects.filter(agency=agency, matter=matter).exists():
            continue
        services.save_negative_list_entry(
            actor=actor,
            agency=agency,
            matter=matter,
            legal_basis=basis,
            terms=terms,
            note=note,
            sort_order=order,
        )
        created += 1
    if stdout is not None:
        stdout.write(f"负面清单：新增 {created} 个事项。\n" if created else "负面清单：已存在。\n")
    return created
