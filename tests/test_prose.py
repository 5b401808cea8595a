"""The clerk's prose against the tables (reportkit.prose), tried on the wording of real reports.

The table below is the corpus the acceptance of issue 9 asks for: sentences in the wording
of published 政府信息公开工作年度报告 (found with the search tool; each row cites where the
wording comes from), each with the figures the data holds and what the check must say:

- ``MATCH``: the figures read from the sentence are exactly the quantities given, and agree;
- ``IGNORED``: nothing is read (ambiguous, another year, an estimate, another subject) —
  the figures given would disagree, so a claim read by mistake would be a false alarm;
- a tuple of ``(code, quantity)``: exactly these slips, and the quantities given are read.

Where a row changes the source's figures (to make a wrong report, or to try full-width
digits and Chinese numerals) the comment says so. Zero false alarms and zero misses.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportkit import prose
from reportkit.cli import main
from reportkit.codes import RULES
from reportkit.eras import all_eras, get_era
from reportkit.loading import check_file
from tests.conftest import ROOT

MATCH = "match"
IGNORED = "ignored"
FIG = "prose-figure"
PCT = "prose-percent"

# Sources (the wording of each row comes from the page named in its comment):
SHANGHAI_2022 = "https://shanghai.gov.cn/nw12344/20230331/4a03b5fa47ae4c73b7ec42801de6be66.html"
WENWU_2017 = "https://www.izibackup.com/jinboqipai/20181030/5664.html"
ZHANGPING_2021 = "http://zp.gov.cn/bm/zfb/zfxxgknb/202201/t20220128_1870138.htm"
LAIFENG_2021 = "http://www.laifeng.gov.cn/xxgk/gknb/xzbm/xzwj/202201/t20220124_1239406.shtml"
HEBAO_2020 = (
    "http://rongchang.gov.cn/jz/hbz/zwgk_70755/zfxxgknb_70772/202101/t20210129_8843764.html"
)
JIEFANGBEI_2020 = (
    "https://www.cqyz.gov.cn/bm_229/zqjfbzyswqglwyh/zwgk_97157/zfxxgknb_97166/"
    "202101/t20210128_8832642.html"
)
KAIZHOU_2020 = "http://www.cqkz.gov.cn/kz/fzhggwyh_81002/zwgk_72016/zfxxgknb_72026/202102/t20210203_8861658.html"
CENTRE_2020 = "https://news.iaiso.net/87315360dfe5a318ab40c56c/6845471434842366322.html"
YITIAN_2022 = (
    "http://www.cqsdj.gov.cn/bmjz/jz/ytz_73563/zwgk_73567/zfxxgknb_73584/"
    "202301/t20230118_11520599_wap.html"
)
SONGMUTANG_2022 = "http://jw.taojiang.gov.cn/25074/25162/37354/39633/index.htm"
BEIPO_2022 = "http://tzchery.com/gzzwz/bpzrmzf/zwgk/xxgknb/content/post_1714241.html"
LONGKOU_2022 = "http://dayueimage.com/zwgk/xxgk/hsslkz/zfxxgkgzndbg/content/post_2781552.html"
WEIZI_2022 = "https://cnzh.gov.cn/News/Detail/20230130153306628.html"
HUNAN_2021 = "https://dj.longwan.gov.cn/art/2022/1/25/art_1229619120_59664754.html"
DISTRICT_SAMPLE = "https://m.pinggu.org/bbs/thread-15273420-1-1.html"
PUTUO_2022 = "http://www.shpt.gov.cn/shpt/tjsj-tjsjzhzwqfbzfwj2021/20220725/847939.html"
PINGWU_2021 = (
    "http://www.pingwu.gov.cn/public/column/12651?type=3&nav=5&sub=4&timeFrame=2021&hasContent=true"
)
CHANGXING_2023 = "http://www.zjcx.gov.cn/art/2023/12/16/art_1229518374_1675584.html"
QINHUAI_2014 = "https://www.nanjing.gov.cn/zzb/zfxxgk/zfxxgknb/gqzf_72697/qhqrmzf/201503/t20150313_1053704.html"
CITY_2013 = "https://m.zjtcn.com/baike/lys2013ndzfxxgkgzbgbgnr7246083"
LONGGANG_2024 = "https://www.lg.gov.cn/xxgk/xxgknb/qzfgzbm/content/post_11956962.html"
SHUANGLONG_2017 = "/work/shared/seeds/000_bcf619aac9d9b91b.txt (examples/2017-shuanglong.yaml)"

CORPUS = [
    # --- 主动公开 -------------------------------------------------------------------------
    # ZHANGPING_2021
    (
        2021,
        "2021年，市政府及政府办共主动公开政府信息141条，其中：机构职能类信息16条。",
        {"主动公开": 141},
        MATCH,
    ),
    (
        2021,
        "2021年，市政府及政府办共主动公开政府信息141条，其中：机构职能类信息16条。",
        {"主动公开": 140},
        ((FIG, "主动公开"),),
    ),
    # ZHANGPING_2021: a breakdown after 其中, of items (条) not applications
    (
        2021,
        "其中主动公开政府信息17条，作为依申请公开信息数28条，不予公开信息数8条。",
        {"主动公开": 141, "不予公开": 0},
        IGNORED,
    ),
    # YITIAN_2022
    (
        2022,
        "全年主动公开政府信息总数171条：基层政务公开领域信息124条，工作动态34条，预算决算4条。",
        {"主动公开": 171},
        MATCH,
    ),
    (
        2022,
        "全年主动公开政府信息总数171条：基层政务公开领域信息124条，工作动态34条，预算决算4条。",
        {"主动公开": 162},
        ((FIG, "主动公开"),),
    ),
    # SONGMUTANG_2022
    (
        2022,
        "2022年，主动公开政府信息32条，包括领导信息类1条、机构职能类2条、内设机构类1条。",
        {"主动公开": 32},
        MATCH,
    ),
    # LONGKOU_2022
    (
        2022,
        "2022年，我镇主动公开政府信息151条，其中部门文件信息公开12条，工作动态类信息（含通知公告）135条。",
        {"主动公开": 151},
        MATCH,
    ),
    # WEIZI_2022
    (
        2022,
        "卫子镇紧紧围绕政府信息公开工作相关要求，全年主动公开政府信息50条。",
        {"主动公开": 50},
        MATCH,
    ),
    # WEIZI_2022: channels of the same information, not the year's total
    (
        2022,
        "其中，通过区政府门户网站公开发布安全生产、应急管理等政府信息46条；通过公开栏发布政府信息56条。",
        {"主动公开": 50},
        IGNORED,
    ),
    # PINGWU_2021
    (
        2021,
        "2021年通过政府网站主动公开信息73条，其中：统计数据12条，工作动态信息21条。",
        {"主动公开": 73},
        MATCH,
    ),
    # PINGWU_2021, written in Chinese numerals and full-width digits (changed)
    (
        2021,
        "2021年通过政府网站主动公开信息七十三条，其中：统计数据１２条。",
        {"主动公开": 73},
        MATCH,
    ),
    (
        2021,
        "2021年通过政府网站主动公开信息７３条，其中：统计数据１２条。",
        {"主动公开": 37},
        ((FIG, "主动公开"),),
    ),
    # HUNAN_2021: a running total at the year's end
    (
        2021,
        "截至2021年底，共计在衢江区政府信息公开平台主动公开信息80条。",
        {"主动公开": 60},
        IGNORED,
    ),
    # DISTRICT_SAMPLE: a running total, then the year's within it
    (
        2008,
        "本区到年底累计主动公开政府信息5928条，全文电子化率达90.3%，其中，本年度新增主动公开政府信息2110条。",
        {"主动公开": 2110},
        IGNORED,
    ),
    # DISTRICT_SAMPLE, with a thousands separator (changed)
    (2008, "本年度新增主动公开政府信息2,110条。", {"主动公开": 2110}, MATCH),
    # HEBAO_2020: an estimate (余), and a count of posts that is not 主动公开
    (
        2020,
        "通过“河包镇政务平台”微信公众号推送涉及教育、医疗、社会保障等的政务动态68余条。",
        {"主动公开": 1},
        IGNORED,
    ),
    # KAIZHOU_2020
    (2020, "2020年，区国资委通过区政府门户网发布信息60余条。", {"主动公开": 61}, IGNORED),
    # CENTRE_2020: website posts, not named 主动公开
    (
        2020,
        "2020年，中心网站发布各类信息635条，及时向上级报送工作动态信息共79条。",
        {"主动公开": 600},
        IGNORED,
    ),
    # BEIPO_2022
    (
        2022,
        "2022年我镇政府网站全年共更新政务动态信息73条，回应社会关切。",
        {"主动公开": 70},
        IGNORED,
    ),
    # SHANGHAI_2022: documents published, not issued (no verb of issuing): not Table 1's figures
    (
        2022,
        "2022年，在上海市人民政府网站主动公开市政府规章13件（含新制定5件，修改4件，废止4件），"
        "主动公开市政府和市政府办公厅行政规范性文件42件，人事任免文件106件。",
        {"规章制发": 5, "规章废止": 4, "规范性文件制发": 40},
        IGNORED,
    ),
    # SHANGHAI_2022
    (2022, "全年上海市人民政府网站共发布各类信息46106条。", {"主动公开": 46000}, IGNORED),
    # PUTUO_2022: documents (件) proactively published among those issued, not information items
    (
        2022,
        "2022年上半年，全区各级行政机关共制发公文707件，主动公开673件，平均主动公开率为95.19%。",
        {"主动公开": 700},
        IGNORED,
    ),
    # SHUANGLONG_2017: "公开信息" without 主动 is not read
    (
        2017,
        "我镇2017年共计公开信息31条，其中规范性文件4条占13%；规划和完成情况类信息4条，占13%。",
        {"主动公开": 30},
        IGNORED,
    ),
    # --- 新收, 上年结转, 办结 ----------------------------------------------------------------
    # WENWU_2017
    (
        2017,
        "本局2017年共受理信息公开申请10件，其中当面申请1宗，占10%；网上申请9宗，占90%。",
        {"新收": 10},
        MATCH,
    ),
    (
        2017,
        "本局2017年共受理信息公开申请10件，其中当面申请1宗，占10%；网上申请9宗，占90%。",
        {"新收": 12},
        ((FIG, "新收"),),
    ),
    # WENWU_2017, in full-width digits (changed)
    (2017, "本局２０１７年共受理信息公开申请１０件。", {"新收": 10}, MATCH),
    # ZHANGPING_2021
    (2021, "2021年度，市政府及政府办共受理政府信息依申请公开7件。", {"新收": 7}, MATCH),
    (2021, "2021年度，市政府及政府办共受理政府信息依申请公开7件。", {"新收": 9}, ((FIG, "新收"),)),
    # LAIFENG_2021
    (
        2021,
        "2021年，我局收到政府信息依申请公开办理事项1件，已在规定时间内办结答复。",
        {"新收": 1},
        MATCH,
    ),
    # LAIFENG_2021, in a Chinese numeral, the table saying otherwise (changed)
    (
        2021,
        "2021年，我局收到政府信息依申请公开办理事项两件，已在规定时间内办结答复。",
        {"新收": 1},
        ((FIG, "新收"),),
    ),
    # WEIZI_2022
    (
        2022,
        "2022年收到自然人、法人或其他组织向我镇提交的政府信息公开申请0件，上年结转政府信息公开申请0件。",
        {"新收": 0, "上年结转": 0},
        MATCH,
    ),
    (
        2022,
        "2022年收到自然人、法人或其他组织向我镇提交的政府信息公开申请0件，上年结转政府信息公开申请0件。",
        {"新收": 3, "上年结转": 0},
        ((FIG, "新收"),),
    ),
    # SONGMUTANG_2022
    (
        2022,
        "2022年我镇全年共收到依申请公开0件，公开0件，不予公开0件，因政府信息依申请公开引起行政复议0件，行政诉讼0件。",
        {"新收": 0, "不予公开": 0, "行政复议": 0, "行政诉讼": 0},
        MATCH,
    ),
    (
        2022,
        "2022年我镇全年共收到依申请公开0件，公开0件，不予公开0件，因政府信息依申请公开引起行政复议0件，行政诉讼0件。",
        {"新收": 0, "不予公开": 0, "行政复议": 1, "行政诉讼": 0},
        ((FIG, "行政复议"),),
    ),
    # LONGKOU_2022: requests counted in 条
    (2022, "收到申请公开政府信息的要求0条。", {"新收": 4}, IGNORED),
    # JIEFANGBEI_2020: mailbox letters and proposals, not applications
    (
        2020,
        "2020年，我委共收到重庆市政府系统公开电子信箱交办件35件，办结35件。",
        {"新收": 0, "办结": 0},
        IGNORED,
    ),
    (
        2020,
        "全年共收到市、区两级交办的人大建议和政协提案20件，均在规定时限内完成办结。",
        {"新收": 0},
        IGNORED,
    ),
    # CENTRE_2020: petitions, not applications
    (
        2020,
        "全年诉求工作，中心网站、微博共办理66余件，市长信箱及市长公开电话等35件，民心网平台24件，回复率达到100%。",
        {"办结": 0},
        IGNORED,
    ),
    # PUTUO_2022: figures beside another year's
    (
        2022,
        "2022年上半年，全区各行政机关共受理政府信息公开申请267件，答复263件，申请量比2021年同期上升1.52%。",
        {"新收": 1, "办结": 1},
        IGNORED,
    ),
    # WENWU_2017
    (
        2017,
        "在已经答复的9件申请中，“同意公开”的7件，占总数的70%，主要涉及文物保护、行政审批等信息。",
        {"办结": 9, "予以公开": 7},
        MATCH,
        {"新收": 10},
    ),
    (
        2017,
        "在已经答复的9件申请中，“同意公开”的7件，占总数的70%，主要涉及文物保护、行政审批等信息。",
        {"办结": 9, "予以公开": 6},
        ((FIG, "予以公开"),),
        {"新收": 10},
    ),
    # --- outcomes and their shares --------------------------------------------------------
    # WENWU_2017
    (
        2017,
        "“同意部分公开”1件，占总数的10%，主要涉及文物规划已划定和未划定范围中的信息。",
        {"部分公开": 1},
        MATCH,
        {"办结": 9, "新收": 10},
    ),
    (2017, "“不予公开”的1件，占总数的10%。", {"不予公开": 1}, MATCH, {"办结": 9, "新收": 10}),
    (
        2017,
        "“不予公开”的1件，占总数的10%。",
        {"不予公开": 3},
        ((FIG, "不予公开"),),
        {"办结": 9, "新收": 10},
    ),
    # WENWU_2017, the share of a table whose count is right but whose share is not (changed)
    (
        2017,
        "“同意部分公开”2件，占总数的10%。",
        {"部分公开": 2},
        ((PCT, "部分公开"),),
        {"办结": 9, "新收": 10},
    ),
    # PUTUO_2022: 同意公开或部分公开 together
    (2022, "其中同意公开或部分公开共81件，公开率为30.80%。", {"予以公开及部分公开": 81}, MATCH),
    (
        2022,
        "其中同意公开或部分公开共81件，公开率为30.80%。",
        {"予以公开及部分公开": 85},
        ((FIG, "予以公开及部分公开"),),
    ),
    # --- 行政复议, 行政诉讼 ------------------------------------------------------------------
    # PUTUO_2022
    (
        2022,
        "2022年上半年，全区共发生涉及政府信息公开的行政诉讼案件2件，被纠错0件。",
        {"行政诉讼": 2},
        MATCH,
    ),
    (
        2022,
        "2022年上半年，全区共发生涉及政府信息公开的行政诉讼案件2件，被纠错0件。",
        {"行政诉讼": 1},
        ((FIG, "行政诉讼"),),
    ),
    # WENWU_2017: appeals not said to be about disclosure
    (2017, "2017年度针对我局有关的行政复议案0件。", {"行政复议": 2}, IGNORED),
    # --- fees -----------------------------------------------------------------------------
    # WENWU_2017
    (
        2017,
        "本局2017年度依申请公开收取的费用（检索费、邮寄费、复制费等）为0元。",
        {"收费": 0},
        MATCH,
    ),
    (
        2017,
        "本局2017年度依申请公开收取的费用（检索费、邮寄费、复制费等）为0元。",
        {"收费": 20},
        ((FIG, "收费"),),
    ),
    # WENWU_2017 in 万元 (changed): 0.05 万元 is 500 元
    (2017, "本局2017年度依申请公开收取的费用为0.05万元。", {"收费": 500}, MATCH),
    # BEIPO_2022: Table 1's administrative fees, not a disclosure fee
    (2022, "本年行政事业性收费190.457379万元。", {"收费": 0}, IGNORED),
    # --- 规章, 规范性文件 --------------------------------------------------------------------
    # CHANGXING_2023: in force, by a verb of issuing: ambiguous
    (
        2023,
        "我县现行以县政府名义制发的规范性文件共有288件，有的规范性文件已不再适用。",
        {"规范性文件制发": 1, "规范性文件现行有效": 1},
        IGNORED,
    ),
    # CHANGXING_2023: 继续有效 after a review, and repeals without a kind of document
    (
        2023,
        "经清理，继续有效的行政规范性文件270件，废止28件，失效2件。",
        {"规范性文件现行有效": 4, "规范性文件废止": 0},
        IGNORED,
    ),
    # SONGMUTANG_2022 (Table 1 figures in words; changed from the table to a sentence)
    (
        2022,
        "本年制发行政规范性文件2件，现行有效行政规范性文件2件。",
        {"规范性文件制发": 2, "规范性文件现行有效": 2},
        MATCH,
    ),
    (
        2022,
        "本年制发行政规范性文件2件，现行有效行政规范性文件2件。",
        {"规范性文件制发": 2, "规范性文件现行有效": 3},
        ((FIG, "规范性文件现行有效"),),
    ),
    (2022, "本年度废止规章0件。", {"规章废止": 0}, MATCH),
    # --- other subjects, estimates, ranges ------------------------------------------------
    # CITY_2013
    (2012, "市档案馆、图书馆全年共接收公开信息件1600多份。", {"主动公开": 1}, IGNORED),
    (
        2012,
        "组织市监察局、市法制办等部门和单位，到七个县（市）区、22个市政府部门和单位检查了政务公开工作。",
        {"主动公开": 1},
        IGNORED,
    ),
    # WEIZI_2022
    (2022, "组织30余人参加“政务开放日”活动，开展专题业务培训2次。", {"新收": 1}, IGNORED),
    # QINHUAI_2014: a comparison with last year (wording of the 同比 kind)
    (2014, "全年共收到政府信息公开申请较上年增加15件。", {"新收": 40}, IGNORED),
    (2014, "全年收到政府信息公开申请同比增长15件。", {"新收": 40}, IGNORED),
    # applications of another kind (wording of the 受理…申请 kind, CITY_2013's 接收…件)
    (2020, "全年受理群众低保申请300件，均已办结。", {"新收": 3, "办结": 3}, IGNORED),
    # WENWU_2017: a range
    (2017, "每月受理信息公开申请3至5件。", {"新收": 10}, IGNORED),
    # WENWU_2017: outcomes the era does not hold, applicants, channels
    (2017, "“信息不存在”的1件，占总数的10%。", {"不予公开": 0}, IGNORED),
    (
        2017,
        "“非本机关政府信息”的1件，占总数的10%，主要是因为非我局职能范围。",
        {"不予公开": 0},
        IGNORED,
    ),
    (2017, "以组织名义提交的政府信息申请有2件，主要是投资类公司或村镇。", {"新收": 10}, IGNORED),
    (2017, "从申请的对象分析，以本地公民为主，占全部申请的90%。", {"新收": 10}, IGNORED),
    # SHANGHAI_2022: events and attendances, not disclosure figures
    (
        2022,
        "全年共举办191场市政府新闻发布活动，市政府领导出席新闻发布会共计25人次。",
        {"主动公开": 1},
        IGNORED,
    ),
    # CENTRE_2020
    (2020, "截止12月末，回复留言数量为25条，在线解答219人次。", {"办结": 0}, IGNORED),
    # YITIAN_2022, PINGWU_2021, HEBAO_2020, WEIZI_2022: "none" said in words (a figure of 0);
    # a report copied from a quiet year says so beside a table that is not (changed)
    (2022, "2022年未收到依申请公开政府信息申请。", {"新收": 0}, MATCH),
    (2022, "2022年未收到依申请公开政府信息申请。", {"新收": 3}, ((FIG, "新收"),)),
    # PINGWU_2021: none from 法人或者其他组织 says nothing of natural persons
    (2021, "2021年度，未收到法人或者其他组织对依申请公开政府信息的申请。", {"新收": 2}, IGNORED),
    (
        2020,
        "2020年，我镇未收到依申请公开请求；未对公众依申请公开政府信息收取任何费用。",
        {"新收": 0, "收费": 0},
        MATCH,
    ),
    (
        2020,
        "2020年，我镇未收到依申请公开请求；未对公众依申请公开政府信息收取任何费用。",
        {"新收": 0, "收费": 30},
        ((FIG, "收费"),),
    ),
    (
        2022,
        "未发生因政府信息公开而产生的行政诉讼或行政复议。",
        {"行政诉讼": 0, "行政复议": 0},
        MATCH,
    ),
    (
        2022,
        "未发生因政府信息公开而产生的行政诉讼或行政复议。",
        {"行政诉讼": 1, "行政复议": 0},
        ((FIG, "行政诉讼"),),
    ),
    # (wording of WEIZI_2022's kind): an outcome of appeals, not their number
    (2022, "未发生因政府信息公开被行政复议纠错的情况。", {"行政复议": 2}, IGNORED),
    # SHUANGLONG_2017
    (
        2017,
        "规划和完成情况类信息4条，占13%；与公众利益密切相关的信息23条，占74%。",
        {"主动公开": 31},
        IGNORED,
    ),
    (
        2017,
        "2017年，我镇严格按照《条例》和上级部门有关规定开展政府信息公开工作，"
        "没有因政府信息公开申请行政复议、提起行政诉讼和申诉的情况发生。",
        {"行政复议": 0, "行政诉讼": 0},
        MATCH,
    ),
    # CITY_2013
    (
        2012,
        "市档案馆除现场查阅外，拓展了电话查询、信函咨询等便民措施，全年查阅利用档案15000多册。",
        {"主动公开": 1},
        IGNORED,
    ),
    # LAIFENG_2021, with the answer counted (changed)
    (
        2021,
        "2021年，我局收到政府信息依申请公开办理事项1件，已办结1件。",
        {"新收": 1, "办结": 1},
        MATCH,
    ),
    # ZHANGPING_2021
    (
        2021,
        "（二）政府信息依申请公开办理情况。2021年度，市政府及政府办共受理政府信息依申请公开7件，均已按时办结。",
        {"新收": 7},
        MATCH,
    ),
    # PUTUO_2022 without the comparison (changed)
    (
        2022,
        "2022年，全区各行政机关共受理政府信息公开申请267件，答复263件。",
        {"新收": 267, "办结": 263},
        MATCH,
    ),
    (
        2022,
        "2022年，全区各行政机关共受理政府信息公开申请267件，答复263件。",
        {"新收": 267, "办结": 260},
        ((FIG, "办结"),),
    ),
    # LONGGANG_2024: Table 2's rows in the words of its labels
    (
        2024,
        "本年新收政府信息公开申请66件，上年结转政府信息公开申请2件。",
        {"新收": 66, "上年结转": 2},
        MATCH,
    ),
    (
        2024,
        "本年新收政府信息公开申请66件，上年结转政府信息公开申请2件。",
        {"新收": 58, "上年结转": 2},
        ((FIG, "新收"),),
    ),
    (2024, "本年度办理结果中，予以公开3件，部分公开17件。", {"予以公开": 3, "部分公开": 17}, MATCH),
    (
        2024,
        "本年度办理结果中，予以公开3件，部分公开17件。",
        {"予以公开": 2, "部分公开": 17},
        ((FIG, "予以公开"),),
    ),
    (2024, "本年度行政规范性文件制发5件、废止1件、现行有效25件。", {"规范性文件制发": 5}, MATCH),
]


def _rows() -> list[tuple[int, str, dict[str, int], object, dict[str, int]]]:
    """The corpus, each row with the data's other figures (the base of a share), if any."""
    return [(*row, {}) if len(row) == 4 else row for row in CORPUS]  # type: ignore[misc]


@pytest.mark.parametrize(("year", "sentence", "figures", "expected", "context"), _rows())
def test_corpus(
    year: int, sentence: str, figures: dict[str, int], expected: object, context: dict[str, int]
) -> None:
    """Each sentence of a real report's wording is read and compared as the table says:
    exactly the quantities given are read (no miss), and only the slips listed are found."""
    claims = prose.find_claims(sentence, year)
    if expected == IGNORED:
        assert claims == []
        return
    assert {c.quantity for c in claims} == set(figures)
    values = {q: Decimal(v) for q, v in {**context, **figures}.items()}
    slips = {(s.code, s.claim.quantity) for s in prose.compare(claims, values)}
    assert slips == (set() if expected == MATCH else set(expected))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("applications", "read"), [(False, []), (True, [("新收", Decimal(20)), ("办结", Decimal(21))])]
)
def test_bare_applications_are_read_in_their_section(
    applications: bool, read: list[tuple[str, Decimal]]
) -> None:
    """ "收到申请20件" says of which applications only inside the 依申请公开 section's text."""
    claims = prose.find_claims("本年度共收到申请20件，办结21件。", 2023, applications=applications)
    assert [(c.quantity, c.stated) for c in claims] == read


def test_corpus_is_large_enough() -> None:
    """The corpus holds at least 60 distinct sentences, right and wrong."""
    assert len({row[1] for row in CORPUS}) >= 60
    assert sum(1 for row in CORPUS if row[3] not in (MATCH, IGNORED)) >= 15


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", 0),
        ("七", 7),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("七十三", 73),
        ("九十九", 99),
        ("一百", None),
        ("二十零", None),
        ("十十", None),
    ],
)
def test_chinese_numbers(text: str, value: int | None) -> None:
    """Chinese numerals from 零 to 九十九 are read; anything else is not."""
    assert prose.chinese_number(text) == value


def test_every_era_names_known_quantities() -> None:
    """Every quantity an era maps to cells is one the prose reader knows."""
    for era in all_eras():
        assert set(era.prose_figures) <= set(prose.QUANTITIES), era.name


# --- enumerations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # QINHUAI_2014 (wording), in order
        ("一是加强组织领导和机构建设。二是完善制度。三是强化监督。", []),
        # CENTRE_2020: two lists in one paragraph, each from 一是
        (
            "存在问题：一是信息量偏少；二是形式不够新颖；三是载体有待完善。进一步整改：一是提升水平；二是深入调研。",
            [],
        ),
        # a skipped ordinal
        (
            "存在问题：一是信息量偏少；二是形式不够新颖；四是载体有待完善。",
            [("四是", "三是", False)],
        ),
        # a repeated ordinal
        ("一是加强组织领导；二是完善制度；二是强化监督。", [("二是", "三是", True)]),
        ("第一，加强学习；第二，完善制度；第四，强化监督。", [("第四", "第三", False)]),
        # words that only look like ordinals
        ("坚持统一是前提，唯一是标准。", []),
        # a list split over lines, and one that starts after its first item
        ("一是加强学习；\n二是完善制度；\n三是强化监督。", []),
        ("二是完善制度；三是强化监督。", []),
    ],
)
def test_enumerations(text: str, found: list[tuple[str, str, bool]]) -> None:
    """An enumeration's skipped or repeated ordinal is found; lists in order are not."""
    slips = prose.find_enumeration_slips(text)
    assert [(s.found, s.expected, s.repeated) for s in slips] == found


# --- whole reports -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_examples_have_no_prose_problem(path: Path) -> None:
    """The shipped examples (the seed report's prose among them) give no prose problem."""
    result = check_file(path, draft=False)
    assert result.report is not None
    assert [p for p in result.problems if p.code.startswith("prose-")] == []


def test_seed_prose_has_no_prose_problem() -> None:
    """Every line of the published seed report, checked against its own data, is quiet."""
    seed = Path("/work/shared/seeds/000_bcf619aac9d9b91b.txt")
    if not seed.is_file():
        pytest.skip("the seed report is not on this machine")
    result = check_file(ROOT / "examples" / "2017-shuanglong.yaml", draft=False)
    assert result.report is not None and result.data is not None
    values = prose._values(get_era("2007").prose_figures, result.data)
    text = seed.read_text(encoding="utf-8")
    assert prose.compare(prose.find_claims(text, 2017), values) == []
    assert prose.find_enumeration_slips(text) == []


_STREET = ROOT / "examples" / "2023-example-street.yaml"


def _street_with(tmp_path: Path, old: str, new: str) -> Path:
    text = _STREET.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "report.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_validate_quotes_the_sentence_and_both_values(tmp_path: Path) -> None:
    """A 总体情况 that says 予以公开 150件 beside a table of 163 fails validate, quoting both."""
    path = _street_with(
        tmp_path,
        "予以公开: {自然人: 6, 商业企业: 1, 科研机构: 1, 总计: 8}",
        "予以公开: {自然人: 161, 商业企业: 1, 科研机构: 1, 总计: 163}",
    )
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("新收: {自然人: 14,", "新收: {自然人: 169,")
        .replace("总计: 20}", "总计: 175}", 1)
        .replace("总计: {自然人: 15,", "总计: {自然人: 170,")
        .replace("其他: 0, 总计: 21}", "其他: 0, 总计: 176}")
        .replace(
            "全年所有申请均在法定期限内答复。",
            "全年所有申请均在法定期限内答复，全年予以公开150件。",
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if "150" in x)
    assert "全年予以公开150件" in line and "163" in line and "（一）予以公开" in line
    assert "report.yaml:" in line  # placed at the file and line of the text


def test_a_wrong_share_is_an_error(tmp_path: Path) -> None:
    """A share in the text that the table's figures do not give is an error naming both."""
    path = _street_with(
        tmp_path,
        "全年所有申请均在法定期限内答复。",
        "全年所有申请均在法定期限内答复，予以公开8件，占50%。",
    )
    result = check_file(path, draft=False)
    problems = [p for p in result.problems if p.code == "prose-percent"]
    assert len(problems) == 1
    assert "50%" in problems[0].message and "38%" in problems[0].message  # 8 of 21
    assert problems[0].path == ("总体情况", "依申请公开", "正文")


def test_a_skipped_ordinal_is_a_warning(tmp_path: Path) -> None:
    """An enumeration that skips an ordinal warns, and the report still validates."""
    path = _street_with(tmp_path, "三是社区层面", "四是社区层面")
    result = check_file(path, draft=False)
    problems = [p for p in result.problems if p.code == "prose-enumeration"]
    assert [p.path for p in problems] == [("问题及改进", "正文")]
    assert "三是" in problems[0].message and "四是" in problems[0].message
    assert not result.errors


def test_codes_are_registered() -> None:
    """The prose rules are registered with the severities they are raised with."""
    assert RULES["prose-figure"].severity.name == "ERROR"
    assert RULES["prose-percent"].severity.name == "ERROR"
    assert RULES["prose-enumeration"].severity.name == "WARNING"


_PIECES = st.lists(
    st.sampled_from(
        [
            *"收到 政府信息公开申请 件 条 次 个 元 万元 % ％ 百分之 3 12 1,200 ０ 5.5 三 十二 两 零 〇 百 "  # noqa: SIM905
            "占 其中 予以公开 未 没有 无 收取 费用 发生 行政复议 行政诉讼 。 ， ； 2023年 2022年 "
            "2020-2023年 《条例》 〔2021〕 （含） （检索费） 一是 二是 四是 第一， 第三， 比 同比增长".split(),
            "\n",
            " ",
        ]
    ),
    max_size=30,
).map("".join)


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without its leading lookahead of first characters."""
    unguarded = re.sub(r"^\(\?=\[[^\]]*\]\)", "", pattern.pattern)
    assert unguarded != pattern.pattern
    return re.compile(unguarded)


@settings(max_examples=300, deadline=None)
@given(_PIECES)
def test_first_character_lookaheads_change_no_match(text: str) -> None:
    """The lookahead before _TOKEN and _ORDINALS (there for speed) loses no match and adds
    none: every match of the pattern without it is found, in the same place."""
    for pattern in (prose._TOKEN, prose._ORDINALS):
        found = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in _unguarded(pattern).finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_PIECES)
@example("全年收到政府信息公开申请3（检索费）件。")  # a figure only once the aside is read through
def test_texts_passed_over_state_nothing(text: str) -> None:
    """find_claims passes over a text with no figure and no word of "none" in it: reading
    every text sentence by sentence (a "none" word found in every text) finds the same."""
    quick = prose.find_claims(text, 2023)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(prose, "_NOTHING_WORDS", ("",))  # "" is in every text
        assert prose.find_claims(text, 2023) == quick


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("本年度未收到政府信息公开申请。", "新收"),
        ("未收取任何费用。", "收费"),
        ("没有发生因政府信息公开引起的行政复议。", "行政复议"),
    ],
)
def test_a_text_saying_none_without_a_figure_is_read(text: str, quantity: str) -> None:
    """A text with no figure that says "none" in words is not passed over: its 0 is read."""
    claims = prose.find_claims(text, 2023)
    assert [(c.quantity, c.stated) for c in claims] == [(quantity, Decimal(0))]
