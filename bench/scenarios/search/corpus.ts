import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { AUDIENCES, RESOURCE_TYPES, RESOURCE_TYPE_LABELS } from '@ssb/domain/bases';
import { SPIRIT_ELEMENTS } from '@ssb/domain/spirit';

/** A small deterministic PRNG (mulberry32): the corpus and the query set are the same every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], min: number, max: number) => {
    const n = min + Math.floor(next() * (max - min + 1));
    return [...new Set(Array.from({ length: n }, () => pick(list)))];
  };
  return { next, pick, some };
}

/** Scientists with the fields their resources are about. */
export const SCIENTISTS: Array<[name: string, topics: string[]]> = [
  ['钱学森', ['航天', '导弹', '工程控制论', '两弹一星']],
  ['邓稼先', ['核武器', '两弹一星', '理论物理']],
  ['李四光', ['地质力学', '石油勘探', '第四纪冰川']],
  ['屠呦呦', ['青蒿素', '中医药', '疟疾防治']],
  ['袁隆平', ['杂交水稻', '粮食安全', '农业科学']],
  ['华罗庚', ['数论', '优选法', '数学普及']],
  ['竺可桢', ['气象', '物候学', '地理学']],
  ['茅以升', ['钱塘江大桥', '桥梁工程', '土力学']],
  ['詹天佑', ['京张铁路', '铁路工程', '人字形线路']],
  ['钱三强', ['核物理', '原子能', '两弹一星']],
  ['王淦昌', ['中微子', '核物理', '激光聚变']],
  ['于敏', ['氢弹', '理论物理', '核武器']],
  ['黄大年', ['地球物理', '航空探测', '深部探测']],
  ['南仁东', ['射电望远镜', '天眼', '天文学']],
  ['吴孟超', ['肝脏外科', '医学', '手术']],
  ['林巧稚', ['妇产科', '医学', '妇幼保健']],
  ['侯德榜', ['制碱法', '化学工业', '化工']],
  ['童第周', ['克隆', '实验胚胎学', '生物学']],
  ['梁思成', ['古建筑', '建筑学', '城市规划']],
  ['周培源', ['湍流', '广义相对论', '力学']],
  ['郭永怀', ['空气动力学', '两弹一星', '力学']],
  ['朱光亚', ['核武器', '两弹一星', '科技管理']],
  ['程开甲', ['核试验', '固体物理', '两弹一星']],
  ['孙家栋', ['人造卫星', '北斗导航', '探月工程']],
  ['黄旭华', ['核潜艇', '船舶工程', '深海']],
  ['陈景润', ['哥德巴赫猜想', '数论', '数学']],
  ['苏步青', ['微分几何', '计算几何', '数学教育']],
  ['顾方舟', ['脊髓灰质炎疫苗', '糖丸', '公共卫生']],
  ['吴文俊', ['数学机械化', '拓扑学', '数学']],
  ['王选', ['汉字激光照排', '计算机', '印刷']],
  ['叶笃正', ['大气科学', '气象', '气候变化']],
  ['刘东生', ['黄土', '环境科学', '地质']],
  ['师昌绪', ['高温合金', '材料科学', '航空发动机']],
  ['闵恩泽', ['石油化工', '催化剂', '化工']],
  ['赵九章', ['人造卫星', '空间物理', '气象']],
  ['贝时璋', ['生物物理', '细胞', '生物学']],
  ['施一公', ['结构生物学', '蛋白质', '生物学']],
  ['张衡', ['地动仪', '天文学', '浑天仪']],
  ['祖冲之', ['圆周率', '数学', '历法']],
  ['徐光启', ['农政全书', '几何原本', '农业科学']],
];

const PLACES = ['纪念馆', '陈列馆', '科技馆', '故居', '研究所', '实验室', '博物馆', '展览馆'];
const FORMS = ['珍贵手稿', '老照片', '实物展品', '口述历史', '科研笔记', '往来书信', '仪器设备', '影像资料', '模型', '互动装置'];
const VERBS = ['展现了', '讲述了', '记录了', '再现了', '梳理了', '介绍了'];
const VALUES = ['爱国情怀', '创新精神', '求实态度', '奉献精神', '协同攻关', '甘为人梯', '淡泊名利', '严谨治学'];
const AUDIENCE_PHRASES = ['适合中小学生参观学习', '面向大学生和科技工作者', '可供教师开展研学课程', '欢迎社会公众预约参观', '支持团体预约和讲解服务'];

export type CorpusBase = { name: string; districtCode: string; scientists: string[]; introduction: string };
export type CorpusResource = {
  baseIndex: number;
  type: (typeof RESOURCE_TYPES)[number];
  title: string;
  descriptionText: string;
  scientists: string[];
  elements: string[];
  audiences: Array<(typeof AUDIENCES)[number]>;
  publishedAt: Date;
};

export function makeBases(count: number, random = prng(20221001)): CorpusBase[] {
  return Array.from({ length: count }, (_, i) => {
    const [scientist, topics] = random.pick(SCIENTISTS);
    const district = random.pick(BEIJING_DISTRICTS);
    return {
      name: `${district.name}${scientist}${random.pick(topics)}${random.pick(PLACES)}（压测${i}）`,
      districtCode: district.code,
      scientists: [scientist],
      introduction: `基地以${scientist}的科学人生为主线，${random.pick(VERBS)}${random.pick(topics)}领域的发展历程，${random.pick(AUDIENCE_PHRASES)}。`,
    };
  });
}

/** Realistic resource text: a title around a scientist and a topic, and a three-to-five sentence description. */
export function makeResource(random: ReturnType<typeof prng>, baseCount: number, i: number): CorpusResource {
  const [scientist, topics] = random.pick(SCIENTISTS);
  const topic = random.pick(topics);
  const type = random.pick(RESOURCE_TYPES);
  const label = RESOURCE_TYPE_LABELS[type].zh;
  const second = random.next() < 0.3 ? random.pick(SCIENTISTS)[0] : null;
  const titles = [
    `${scientist}与${topic}`,
    `${topic}${label}：${scientist}的科学人生`,
    `走近${scientist}——${topic}主题${label}`,
    `${scientist}${random.pick(FORMS)}${label}`,
    `${topic}的故事（第${(i % 12) + 1}期）`,
  ];
  const sentences = [
    `本${label}通过${random.pick(FORMS)}和${random.pick(FORMS)}，${random.pick(VERBS)}${scientist}在${topic}领域的开拓历程。`,
    `${scientist}${random.pick(['回国后', '青年时期', '晚年', '在艰苦条件下'])}投身${random.pick(topics)}研究，体现了${random.pick(VALUES)}。`,
    second ? `内容还涉及${second}等科学家的协作与传承。` : `展品包括${random.pick(FORMS)}${1 + (i % 30)}件。`,
    `${random.pick(AUDIENCE_PHRASES)}，${random.pick(['可预约讲解', '提供线上导览', '可借展至其他基地', '配套学习单'])}。`,
    random.next() < 0.5 ? `相关主题：${random.pick(topics)}、${random.pick(VALUES)}。` : '',
  ];
  return {
    baseIndex: Math.floor(random.next() * baseCount),
    type,
    title: random.pick(titles),
    descriptionText: sentences.filter(Boolean).join(''),
    scientists: second ? [scientist, second] : [scientist],
    elements: random.some(SPIRIT_ELEMENTS.map((e) => e.key), 1, 3),
    audiences: random.some(AUDIENCES, 1, 3),
    publishedAt: new Date(Date.UTC(2022, 0, 1) + Math.floor(random.next() * 1000 * 86400_000)),
  };
}

export type BenchQuery = {
  q: string;
  filters?: { type?: string[]; district?: string[]; element?: string[]; audience?: string[]; scientist?: string[] };
  page: number;
  pageSize: number;
};

/** The fixed query set: names, partial names, topics, two-word queries and browsing, half with filters. */
export function makeQueries(count: number, random = prng(42)): BenchQuery[] {
  const topics = [...new Set(SCIENTISTS.flatMap(([, t]) => t))];
  return Array.from({ length: count }, () => {
    const roll = random.next();
    const [name, own] = random.pick(SCIENTISTS);
    const q =
      roll < 0.3
        ? name
        : roll < 0.45
          ? [...name].slice(0, 2).join('')
          : roll < 0.7
            ? random.pick(topics)
            : roll < 0.85
              ? `${name} ${random.pick(own)}`
              : '';
    const filters: BenchQuery['filters'] = {};
    if (q === '' || random.next() < 0.5) {
      const facet = random.next();
      if (facet < 0.3) filters.type = [random.pick(RESOURCE_TYPES)];
      else if (facet < 0.55) filters.district = [random.pick(BEIJING_DISTRICTS).code];
      else if (facet < 0.8) filters.element = [random.pick(SPIRIT_ELEMENTS).key];
      else filters.audience = random.some(AUDIENCES, 1, 2);
      if (random.next() < 0.3) filters.type = [random.pick(RESOURCE_TYPES)];
    }
    return { q, filters, page: random.next() < 0.85 ? 1 : 2, pageSize: 20 };
  });
}
