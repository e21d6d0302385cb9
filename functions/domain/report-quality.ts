/**
 * The notice's rules for what a report says (安政办发〔2014〕134号, 限期报告制度: "简明扼要，切忌虚话、官话、空话、
 * 套话；必须实事求是，不得强调客观原因和客观理由；必须正面回答，不得文不对题、答非所问"), checked on each answer and on
 * the summary. A check warns, it never refuses: the notice leaves the judgement to the office. Every finding names
 * the words that caused it, so a clerk sees why. No network, no model: lexicons and character bigrams, measured on
 * a labelled set of answers (tests/fixtures/report-quality/answers.jsonl; `npm run bench -- report-quality`).
 *
 * Imports nothing that only runs on a server: the console runs the same checks on the report form before sending.
 */

/** 虚话套话, 强调客观原因, 答非所问, one answer given to two requirements, 不够简明扼要. */
export const qualityKinds = ['boilerplate', 'excuse', 'off-point', 'repeated', 'verbose'] as const;
export type QualityKind = (typeof qualityKinds)[number];

export interface QualityFinding {
  kind: QualityKind;
  /** The answer's requirement index, or the summary. */
  where: number | 'summary';
  /** What caused it, as written in the text (or, for an answer beside the point, the requirement's words it lacks). */
  words: string[];
}

/**
 * 虚话、官话、空话、套话: phrases that say a unit cares and acts without saying what it did. Curated from the set
 * phrases of government reports; each is a claim no one can check. A report may use one (高度重视 opens half of
 * all reports); what it is judged on is how much of its text they are, against how many facts it gives.
 */
export const BOILERPLATE: readonly string[] = [
  '高度重视',
  '十分重视',
  '非常重视',
  '认真贯彻',
  '认真落实',
  '认真学习',
  '贯彻落实',
  '积极推进',
  '积极开展',
  '积极协调',
  '积极争取',
  '积极作为',
  '稳步推进',
  '有序推进',
  '扎实推进',
  '全力推进',
  '加快推进',
  '持续推进',
  '大力推进',
  '强力推进',
  '统筹推进',
  '扎实开展',
  '深入开展',
  '广泛开展',
  '进一步加强',
  '进一步提高',
  '进一步完善',
  '进一步强化',
  '进一步推动',
  '进一步加大',
  '取得明显成效',
  '取得了明显成效',
  '取得积极成效',
  '取得显著成效',
  '取得阶段性成效',
  '成效明显',
  '成效显著',
  '精心组织',
  '精心部署',
  '周密部署',
  '安排部署',
  '研究部署',
  '专题研究',
  '强化措施',
  '强化责任',
  '压实责任',
  '落实责任',
  '明确责任',
  '狠抓落实',
  '抓好落实',
  '抓紧落实',
  '确保落到实处',
  '落到实处',
  '常抓不懈',
  '多措并举',
  '齐抓共管',
  '形成合力',
  '凝聚合力',
  '统一思想',
  '提高认识',
  '提高站位',
  '政治站位',
  '责任意识',
  '大局意识',
  '成立了领导小组',
  '成立领导小组',
  '领导小组',
  '工作专班',
  '召开专题会议',
  '专题会议',
  '主要领导亲自抓',
  '亲自抓',
  '分管领导具体抓',
  '层层落实',
  '全力以赴',
  '攻坚克难',
  '高标准',
  '严要求',
  '不折不扣',
  '务求实效',
  '取得实效',
  '良好氛围',
  '营造了',
  '有力保障',
  '有效推动',
  '有力推动',
  '总体平稳',
  '进展顺利',
  '按计划推进',
  '正在推进',
  '正在有序',
  '下一步将继续',
  '继续加大力度',
  '加大工作力度',
  '持续用力',
  '久久为功',
  // 空话: the words of a claim that something got better, with nothing to say by how much.
  '不断提高',
  '不断提升',
  '不断完善',
  '不断增强',
  '不断优化',
  '不断丰富',
  '持续提升',
  '持续改善',
  '持续向好',
  '持续推进',
  '持续优化',
  '着力提升',
  '着力打造',
  '着力做好',
  '明显改善',
  '明显增强',
  '明显提升',
  '显著增强',
  '显著提升',
  '有效改善',
  '有效提升',
  '有效保障',
  '得到有效',
  '逐步显现',
  '良好局面',
  '良好态势',
  '发展态势',
  '总体稳定',
  '总体满意',
  '广泛好评',
  '一致好评',
  '社会反响良好',
  '开局良好',
  '势头强劲',
  '可喜变化',
  '新进展',
  '新突破',
  '有条不紊',
  '通力协作',
  '密切配合',
  '坚强领导',
  '关心支持',
  '决策部署',
  '统筹协调',
  '组织领导',
  '思想认识',
  '责任担当',
  '切实增强',
  '切实维护',
  '切实保障',
  '切实把好',
  '切实转化',
  '全面落实',
  '全面推进',
  '深入推进',
  '深入实施',
  '大力实施',
  '大力发展',
  '加快构建',
  '严格落实',
  '严格按照',
  '坚持以',
  '始终把',
  '作为重中之重',
  '重中之重',
  '民生工程',
  '以人民为中心',
  '获得感',
  '幸福感',
  '安全感',
  '作出了积极贡献',
  '积极贡献',
  '更大贡献',
  '贡献了力量',
  '早日建成',
  '按期保质',
  '规范有序',
  '制度化、规范化',
  '常态化',
  '落细落实',
  '照单全收',
  '即知即改',
  '建章立制',
  '件件有落实',
  '事事有回音',
  '较大幅度',
  '较大比例',
  '大部分已完成',
  '进展顺利',
  '受控状态',
];

/**
 * 强调客观原因: the patterns of an explanation by circumstances. Such a sentence is an excuse only when the answer
 * does not say what is being done about it and by when (REMEDY_WITH_DATE).
 */
export const EXCUSES: readonly RegExp[] = [
  /由于[^，。；]{0,20}(原因|影响|限制|制约|不足|滞后|困难|未到位|未下达|未批复)/g,
  /受[^，。；]{1,16}影响/g,
  /因[^，。；]{1,20}(等原因|原因|影响|限制|制约)/g,
  /客观(原因|条件|因素|上)/g,
  /条件(尚)?不(具备|成熟)/g,
  /(资金|经费|配套资金|上级资金)[^，。；]{0,8}(未|没有|尚未|不)(到位|下达|拨付|落实)/g,
  /(手续|审批|批复|立项)[^，。；]{0,8}(未|没有|尚未|还未)(办结|完成|批复|下达|审批)/g,
  /(征地|拆迁|征迁)[^，。；]{0,10}(困难|难度大|受阻|未完成|推进缓慢|进展缓慢)/g,
  /时间紧[、，,]?\s*任务重/g,
  /任务重[、，,]?\s*时间紧/g,
  /历史遗留/g,
  /(群众|村民|住户|业主)[^，。；]{0,6}不(配合|理解|同意|支持)/g,
  /(人员|人手|力量)[^，。；]{0,6}(不足|紧张|短缺)/g,
  /(天气|雨季|汛期|冬季|疫情|极端)[^，。；]{0,10}(影响|原因|停工|无法)/g,
  /难以(推进|实施|完成|开展|实现|见效|巩固|改变|达到|落实|解决)/g,
  /无法(按期|如期|按时|及时|推进|开展|开工|实施|完成|投入|安排|落实|左右)/g,
  /(加之|再加上)/g,
  // The work is someone else's, or waits on them.
  /(不在我[局委办县区镇]?[^，。；]{0,4}(职权|职责)范围)|协调不动|无法左右|只能等待|需(要)?等待|尚在[^，。；]{1,12}(审批|研究|批复)中/g,
  /(尚未|还未|未)(下达|列入预算|批复|到位|拨付|落实)/g,
  /(经费|资金)[^，。；]{0,6}(没有来源|无来源|不足|紧张|缺口)|财力(紧张|有限|困难)/g,
  // The work cannot be helped: it is slow, late, hard, and so it stays.
  /(推进|进展|进度)[^，。；]{0,4}(困难|缓慢|较慢|滞后|迟缓)|(难度|压力)(很|较|非常)?大/g,
  /只能(逐步|缓建|暂缓|等待|维持)|暂缓(施工|实施|建设)|暂时无法|缓建/g,
  /(等靠要|不理解|不配合|普遍反对|协调未果|多次协调未果)/g,
  /历史原因/g,
  // The general words of blame, from how such sentences are written rather than from any one answer.
  /(导致|致使|造成)[^，。；]{0,12}(滞后|缓慢|无法|不能|未能|困难|停工|延误|推迟)/g,
  /受制于|制约因素|(较为|比较|十分|非常)?困难(较大|重重)?(?=[，。；])|未能(按期|如期|完成|实现|开工)|尚不具备|跟不上|不到位/g,
  /(待|等待|需)[^，。；]{0,8}(上级|省|市)[^，。；]{0,10}(批复|审批|下达|研究|同意)/g,
  /完成不了|做不到|难在|难以[\u4e00-\u9fff]{1,4}|无法[\u4e00-\u9fff]{1,4}|只能[\u4e00-\u9fff]{1,6}/g,
  /(难度|阻力|困难)(极|很|较|非常|十分)?大/g,
  /无权[\u4e00-\u9fff]{0,4}|没有(办法|权限|执法队伍|意愿)/g,
  /(不愿|不肯|积极性不高|意识淡薄|习惯尚未养成|意见很大|缠访闹访|吃闭门羹)/g,
  /(不能满足|存在缺口|有缺口|人员有限|力量有限|任务都很重|力量薄弱)/g,
  /因为[^，。；]{2,20}/g,
  // The plain words of the same: it cannot be done, the cause is elsewhere, others decide.
  /[\u4e00-\u9fff]{1,3}不了|卡在|根子在|症结在|根本原因|主要原因是|原因是|是[^，。；]{1,12}造成的/g,
  /不是[^，。；]{0,10}能(单独|决定|左右|预见|解决)|说不准|很被动|也很着急|推来推去|无处安置|拿不出|招不(来|到)|留不住|达不到|上不去|起不来|不起来|青黄不接|不予补贴|超出了?政策/g,
  /没有(这笔钱|编制|执法权|经费|地块|资金|专项)|受[^，。；]{1,10}限制|不具备[^，。；]{0,10}条件|容易引发/g,
  /客观(讲|说|地说|上讲)|需要上级|上级给予|等待上级|排队|卡一下/g,
];

/** A date or a period a commitment can be held to: 6月30日前, 2026年底, 10月中旬, 本月底, 3个工作日内. */
const DATE =
  /(\d{4}年)?\d{1,2}月(\d{1,2}日|底|初|中旬|上旬|下旬|末|前)|\d{4}年(底|末|内|前|上半年|下半年)|(本|下)(月|周)(底|末|内)|年底前|年内|\d+个?(工作日|日|天|周|月)内|[一二三四五六七八九十]+月(底|中旬|上旬|下旬)/;

/** What is being done: an action a unit has taken or committed to. */
const REMEDY_ACTION = /(已|已经|正在|将|计划|拟|确保|预计|争取在|力争|组织|协调|增加|调配|申请|采取|调整)/;

/** A remedy with a date, in the same text: an excuse with both is an honest account of a difficulty. */
export const hasRemedyWithDate = (text: string): boolean => DATE.test(text) && REMEDY_ACTION.test(text);

/**
 * Concrete content: what can be checked. Numbers with units (Arabic or Chinese): money, lengths, households and
 * people, percentages; and dates. (Named places were tried: 农村 and 工程 are names of nothing.)
 */
const FACTS: readonly RegExp[] = [
  /\d+(\.\d+)?\s*(万元|亿元|元|万|亿|公里|千米|米|平方米|平米|亩|立方米|方|吨|户|人次|人|名|个|项|家|处|所|座|条|台|套|辆|间|栋|张|份|次|件|批|场|期|起|宗|例|盏|株|棵|头|只|架|艘|眼|口|公顷|千瓦|兆瓦|床|%|％|个百分点|天|日|小时|分钟|年|月|元)/g,
  // A Chinese numeral other than a bare 一 (一批, 一套 say nothing), not after 数/几/若/多 (数十次 is not a count).
  /(?<![数几若多])(?:[二三四五六七八九两]|十|一[十百千万])[一二三四五六七八九十两百千万]*\s*(个|项|户|人|名|家|处|所|座|条|台|套|批|场|次|件|期|起|宗|例|公里|万元|亿元)/g,
  new RegExp(DATE.source, 'g'),
];

/** The facts a text gives, as written. */
export function factsIn(text: string): string[] {
  // What is quoted is a slogan or a name (“两个维护”, “最后一公里”), never a count.
  const unquoted = text.replace(/[“"「『][^”"」』]*[”"」』]/g, ' ');
  const found: string[] = [];
  for (const pattern of FACTS) for (const match of unquoted.matchAll(pattern)) found.push(match[0]);
  return found;
}

/** The lexicon's phrases in a text, longest first where they overlap, with the characters they cover. */
const LONGEST_FIRST = [...BOILERPLATE].sort((a, b) => b.length - a.length);

export function boilerplateIn(text: string): { phrases: string[]; covered: number } {
  const taken = new Array<boolean>(text.length).fill(false);
  const phrases: string[] = [];
  for (const phrase of LONGEST_FIRST) {
    let at = text.indexOf(phrase);
    while (at >= 0) {
      if (!taken.slice(at, at + phrase.length).some(Boolean)) {
        taken.fill(true, at, at + phrase.length);
        if (!phrases.includes(phrase)) phrases.push(phrase);
      }
      at = text.indexOf(phrase, at + phrase.length);
    }
  }
  return { phrases, covered: taken.filter(Boolean).length };
}

/** The excuse patterns a text uses, as written. */
export function excusesIn(text: string): string[] {
  return [...new Set(EXCUSES.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[0])))];
}

const HAN = /[\u4e00-\u9fff]/g;
const hanCount = (text: string) => text.match(HAN)?.length ?? 0;

/** Words of a requirement that carry no topic (督办要求 are phrased as 情况, 落实, 工作…). */
const REQUIREMENT_FILLER = /(情况|工作|有关|相关|方面|落实|报送|说明|汇报|进一步|及其|以及|是否|如何|具体|等)/g;

/**
 * A requirement asks about a subject and an aspect of it: 第三中学迁建工程 and its 进度, 补助资金 and its 发放. An
 * answer beside the point usually speaks of the subject and not of the aspect (the school's pupils for its
 * building's progress; houses built for the money paid out). So the aspect decides: the requirement's last aspect
 * in this table (one line per aspect: the words that ask it, the words an answer to it uses), and whether the
 * answer speaks of it. A requirement with none of these aspects is judged by the bigrams it shares with the answer.
 */
const ASPECTS: readonly (readonly [RegExp, RegExp])[] = [
  [/进度|进展|推进/, /完成|开工|竣工|主体|施工|建成|进场|铺设|浇筑|封顶|形象进度|进度/],
  [/资金|经费|补助|拨付|到位/, /万元|亿元|资金|拨付|到位|到账|下达|筹措|预算|专项债|补助|兑付|发放/],
  [/投资/, /万元|亿元|投资/],
  [/工程量|工作量/, /公里|米|平方米|立方|吨|座|处|条|户|完成/],
  [/满意/, /满意|测评|问卷|评价|满意率|满意度/],
  [/问题|困难|短板|难点/, /问题|困难|短板|难点|不足|制约|瓶颈|滞后|尚未|未|影响|停工|延误/],
  [/措施|下一步|计划|打算/, /下一步|将|计划|措施|拟|确保|力争|[^，。；]{0,4}前(完成|建成|实现|开通|到位|投用)/],
  [
    /时限|时间|期限|节点|何时|日期/,
    /\d+月|\d+日|年底|月底|年内|\d+个?(工作日|日|天|周|月)内|[一二三四五六七八九十]+月|(已|将于|预计)[^，。；]{0,6}(完成|建成|竣工|投用|通水|通车)/,
  ],
  [/人数|户数|受益|覆盖|惠及/, /\d+(\.\d+)?\s*万?(人|户|名|人次)|覆盖|惠及|受益/],
  [/覆盖率|覆盖面|普及率/, /覆盖|普及|%|％|全部|所有|全覆盖/],
  [/互认|共享|对接|互通/, /互认|共享|对接|互通|联网/],
  [/验收/, /验收/],
  [/整改|整治|查处|治理|清理|拆除/, /整改|销号|整治|查处|立案|结案|追回|处置|清理|拆除|治理|关停|取缔|兑付/],
  [/(制度|机制)(建设)?|办法|规定/, /制度|机制|办法|规定|细则|方案|印发|出台|章程/],
  [/答复|办理(结果)?|采纳|提案|建议/, /答复|办复|采纳|开通|增设|新增|已解决|列入|吸收|调整|满意/],
  [/经济|收入|增收/, /万元|亿元|收入|增收|元/],
  [/留用|留任|流失/, /留用|留任|在岗|流失|离职|续聘|留下/],
  [/管护|养护|运维|维护/, /管护|养护|维护|运维|巡查|管理|护林|保洁/],
  [/运营|运行|营运/, /运营|运行|生产|吸纳|营业|收入|订单|开工率|投产|开放|入场|客流|接待|发车/],
  [/来源/, /来源|来自|专项债|补助|自筹|中央|省级|市级|财政|贷款|社会资本/],
  [/负担|费用|支出/, /费用|报销|减少|降低|负担|节省|自付|减免|下降/],
  [/执勤|投入使用|启用|开放|运营时间/, /投入|启用|执勤|使用|运行|开放|\d+月/],
  [/消除|清零|化解/, /消除|清零|降至|剩余|化解|销号/],
  [/成效|效果|成果/, /同比|增长|下降|减少|提高|提升|消除|改善|%|％|达到|降至|由/],
  [/完成/, /完成|%|％|同比|增长|实现|达到|累计|超/],
  [/完成率|办结率|销号率|整改率/, /完成率|办结率|销号率|整改率|(完成|办结|销号|整改)[^，。；]{0,12}(%|％)|全部(完成|办结|销号)/],
  [/销号/, /销号|整改到位|完成整改|整改完成/],
  [/开工|复工|动工/, /开工|复工|进场|动工|施工|开建|停工/],
  [/投资完成额|完成投资|投资额/, /万元|亿元|\d+元/],
  [/比例|占比|比率/, /%|％|比例|占比|[一二三四五六七八九]成/],
  [/建设|新建|改造/, /建成|开工|完成|新建|建设|竣工|改造|改建/],
  [/签约|落地|引进/, /签约|开工|投产|落地|到位|引进/],
  [/发放|兑付|支付/, /发放|兑付|到账|领取|支付|打卡/],
  [/参保|扩面/, /参保|覆盖|新增|扩面/],
  [/播种|生产|产量/, /播种|亩|产量|总产|单产|收获/],
  [/安全|隐患|排查/, /隐患|排查|检查|整治|安全/],
  [/培训/, /培训|\d+\s*(人次|人|期|场)/],
];

/** The table with each asking pattern global, made once: matchAll needs it, and relevance runs at every keystroke. */
const ASPECTS_ASKED = ASPECTS.map(([asked, answered]) => [new RegExp(asked.source, 'g'), answered] as const);

/** The runs of Chinese characters of a text: a bigram never spans punctuation or a gap. */
const hanRuns = (text: string): string[] => text.match(/[\u4e00-\u9fff]+/g) ?? [];

const bigrams = (text: string): Set<string> => {
  const out = new Set<string>();
  for (const run of hanRuns(text)) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return out;
};

/**
 * How much an answer speaks to its requirement, from 0 to 1: the share of the requirement's topic bigrams the
 * answer contains, or 1 when it speaks of the requirement's topic in the words such answers use (CUES). With the
 * requirement's bigrams the answer lacks, for the finding.
 */
export function relevance(requirement: string, answer: string): { score: number; missing: string[] } {
  const topic = requirement.replace(REQUIREMENT_FILLER, ' ');
  // The aspects asked at the end of the requirement (…工程进度: 进度; …运行维护: 运行 and 维护), and whether the
  // answer speaks of one of them.
  const found: { end: number; asked: string; answered: RegExp }[] = [];
  for (const [asked, answered] of ASPECTS_ASKED)
    for (const m of topic.matchAll(asked)) found.push({ end: (m.index ?? 0) + m[0].length, asked: m[0], answered });
  const last = Math.max(-1, ...found.map((a) => a.end));
  const asked = found.filter((a) => a.end >= last - 2);
  if (asked.length > 0)
    return asked.some((a) => a.answered.test(answer) || answer.includes(a.asked))
      ? { score: 1, missing: [] }
      : { score: 0, missing: [...new Set(asked.map((a) => a.asked))] };
  const wanted = bigrams(topic);
  if (wanted.size === 0) return { score: 1, missing: [] };
  const have = bigrams(answer);
  const lacking = [...wanted].filter((b) => !have.has(b));
  // For the reader, the requirement's words the answer lacks: each run of the requirement its lacking bigrams cover.
  const missing = hanRuns(topic).flatMap((run) => {
    const covered = [...run].map(() => false);
    for (let i = 0; i + 1 < run.length; i++) if (lacking.includes(run.slice(i, i + 2))) covered[i] = covered[i + 1] = true;
    return run
      .split('')
      .map((c, i) => (covered[i] ? c : ' '))
      .join('')
      .split(' ')
      .filter((w) => w.length > 1);
  });
  return { score: (wanted.size - lacking.length) / wanted.size, missing };
}

/**
 * The thresholds, chosen on the tuning half of the labelled set (`npm run bench -- report-quality` prints the
 * grid it chose from and the figures on the held-out half; docs/design.md, "What a report says").
 */
export const QUALITY_THRESHOLDS = {
  /** 虚话套话: the lexicon's share of the text's Chinese characters at or above which… */
  boilerplateShare: 0,
  /** …an answer is empty words when it gives no more facts than this. */
  boilerplateFactsAtMost: 0,
  /** 答非所问: below this relevance, an answer is beside its requirement. */
  relevanceBelow: 0.55,
  /** 简明扼要: an answer longer than this many characters says more than a requirement needs. */
  verboseOver: 400,
  /** 重复: two answers of one report this similar (shared bigrams over all) are one answer given twice. */
  repeatedAtLeast: 0.8,
};

export type QualityThresholds = typeof QUALITY_THRESHOLDS;

/** What the checks read of one answer: measured once, judged against any thresholds (report-quality-measure.ts tunes them). */
export interface AnswerFeatures {
  length: number;
  /** The lexicon's phrases, and their share of the Chinese characters. */
  phrases: string[];
  share: number;
  facts: string[];
  /** The excuse patterns found, when the answer does not also give a remedy with a date. */
  excuses: string[];
  relevance?: { score: number; missing: string[] };
}

export function featuresOf(text: string, requirement?: string): AnswerFeatures {
  const empty = boilerplateIn(text);
  const excuses = excusesIn(text);
  return {
    length: text.length,
    phrases: empty.phrases,
    share: empty.covered / Math.max(1, hanCount(text)),
    facts: factsIn(text),
    excuses: excuses.length > 0 && !hasRemedyWithDate(text) ? excuses : [],
    ...(requirement !== undefined ? { relevance: relevance(requirement, text) } : {}),
  };
}

/** The findings of an answer's features under the thresholds. */
export function findingsOf(
  f: AnswerFeatures,
  where: number | 'summary',
  thresholds: QualityThresholds = QUALITY_THRESHOLDS,
): QualityFinding[] {
  const findings: QualityFinding[] = [];
  // An excuse is named for what it is; empty words are no more facts than the threshold allows, with the lexicon's
  // phrases at least its share of the text.
  if (f.excuses.length > 0) findings.push({ kind: 'excuse', where, words: f.excuses });
  else if (f.share >= thresholds.boilerplateShare && f.facts.length <= thresholds.boilerplateFactsAtMost)
    findings.push({ kind: 'boilerplate', where, words: f.phrases });
  // 答非所问 is for an answer with substance about something else: one of empty words or excuses is named for those.
  if (f.relevance && findings.length === 0 && f.relevance.score < thresholds.relevanceBelow)
    findings.push({ kind: 'off-point', where, words: f.relevance.missing });
  if (f.length > thresholds.verboseOver) findings.push({ kind: 'verbose', where, words: [`${f.length}字`] });
  return findings;
}

/** The findings of one answer to one requirement (or of the summary, with no requirement). */
export function checkAnswer(
  text: string,
  where: number | 'summary',
  requirement: string | undefined,
  thresholds: QualityThresholds = QUALITY_THRESHOLDS,
): QualityFinding[] {
  return findingsOf(featuresOf(text, requirement), where, thresholds);
}

const overlap = (a: string, b: string): number => {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared += 1;
  return shared / Math.min(x.size, y.size);
};

/**
 * The findings of a report: each answer against its requirement, the summary on its own, and an answer that
 * repeats another answer of the same report (one answer given to two requirements answers one of them).
 */
export function checkReport(
  requirements: readonly string[],
  report: { summary: string; answers: readonly { requirement: number; answer: string }[] },
  thresholds: QualityThresholds = QUALITY_THRESHOLDS,
): QualityFinding[] {
  const findings = checkAnswer(report.summary, 'summary', undefined, thresholds).filter((f) => f.kind !== 'verbose');
  report.answers.forEach((a, i) => {
    findings.push(...checkAnswer(a.answer, a.requirement, requirements[a.requirement], thresholds));
    const earlier = report.answers.slice(0, i).find((b) => overlap(a.answer, b.answer) >= thresholds.repeatedAtLeast);
    if (earlier)
      findings.push({ kind: 'repeated', where: a.requirement, words: [requirements[earlier.requirement] ?? String(earlier.requirement)] });
  });
  return findings;
}
