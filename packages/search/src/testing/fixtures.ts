import type { SearchDocument } from '../port.ts';

const B1 = '00000000-0000-4000-8000-0000000000b1';
const B2 = '00000000-0000-4000-8000-0000000000b2';
const B3 = '00000000-0000-4000-8000-0000000000b3';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const doc = (d: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'title' | 'body'>): SearchDocument => ({
  kind: 'resource',
  type: 'exhibit',
  districtCode: '110108',
  baseId: B1,
  baseName: '航天科学家纪念馆（测试）',
  elements: [],
  scientists: [],
  audiences: [],
  sortAt: '2024-01-01T00:00:00.000Z',
  ...d,
});

/** Six documents the contract suite searches: five resources of three bases, and one base. */
export const CONTRACT_DOCS = {
  qianManuscripts: doc({
    id: id(1),
    title: '钱学森手稿展',
    body: '展出钱学森在航天领域的手稿与书信，讲述“两弹一星”背后的科学家精神。<script>alert(1)</script> & more',
    elements: ['patriotism', 'innovation'],
    scientists: ['钱学森'],
    audiences: ['secondary', 'public'],
    sortAt: '2024-05-01T00:00:00.000Z',
    cover: '/files/resources/00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-0000000000c1.jpg',
  }),
  dengLecture: doc({
    id: id(2),
    type: 'lecture',
    title: '邓稼先与核武器研制',
    body: '讲座介绍邓稼先隐姓埋名二十八年，为国家研制核武器的经历。',
    elements: ['patriotism', 'dedication'],
    scientists: ['邓稼先'],
    audiences: ['university'],
    sortAt: '2024-04-01T00:00:00.000Z',
  }),
  liCourse: doc({
    id: id(3),
    type: 'course',
    title: '地质学家李四光的故事',
    body: '课程面向小学生，讲述李四光创立地质力学、寻找石油的故事。',
    districtCode: '110105',
    baseId: B2,
    baseName: '西山地质陈列馆（测试）',
    elements: ['truth_seeking'],
    scientists: ['李四光'],
    audiences: ['primary', 'teachers'],
    sortAt: '2024-03-01T00:00:00.000Z',
  }),
  qianVideo: doc({
    id: id(4),
    type: 'video',
    title: 'Qian Xuesen documentary 钱学森纪录片',
    body: 'An English documentary about rocket science and the founder of China’s space programme.',
    districtCode: '110105',
    baseId: B2,
    baseName: '西山地质陈列馆（测试）',
    elements: ['innovation'],
    scientists: ['钱学森'],
    audiences: ['public'],
    sortAt: '2024-02-01T00:00:00.000Z',
  }),
  tuExhibit: doc({
    id: id(5),
    title: '屠呦呦与青蒿素',
    body: '展品讲述屠呦呦团队从古籍中获得启发，发现青蒿素的过程。',
    districtCode: '110102',
    baseId: B3,
    baseName: '中医药科学馆（测试）',
    elements: ['innovation', 'dedication'],
    scientists: ['屠呦呦'],
    audiences: ['secondary'],
    sortAt: '2024-01-15T00:00:00.000Z',
  }),
  spaceBase: doc({
    id: B1,
    kind: 'base',
    type: null,
    title: '航天科学家纪念馆（测试）',
    body: '馆内陈列钱学森等航天科学家的事迹，位于海淀区。',
    scientists: ['钱学森'],
    sortAt: '2023-12-01T00:00:00.000Z',
  }),
} satisfies Record<string, SearchDocument>;
