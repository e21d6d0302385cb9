import { describe, expect, it } from 'vitest';
import {
  deadlineOf,
  excelSerialDate,
  fieldOfHeader,
  readTable,
  requirementsOf,
  sourceOfText,
  withoutNumbering,
} from '../../functions/domain/ledger-reading';
import { matchUnit, unitNamesIn, withAlias, type NamedUnit } from '../../functions/domain/unit-names';

/** A 督查台账 as a city office keeps it: merged title, 填报单位, header in its own words, sections, a footnote. */
const title = '2026年市政府重点工作督查台账';
const ledger = [
  [title, title, title, title, title, title, title, title, title, title, title],
  ['填报单位：市政府督查室', '', '', '', '', '', '', '', '填报日期：2026年11月', '', ''],
  ['序号', '督查事项', '交办依据', '交办文号', '责任领导', '责任单位', '配合单位', '完成时间', '工作要求', '落实情况', '备注'],
  ['一、《政府工作报告》重点任务', '', '', '', '', '', '', '', '', '', ''],
  [
    '1',
    '城区供水管网改造',
    '《政府工作报告》',
    '',
    '张市长',
    '市水利局',
    '市住建局',
    '2026年12月底前',
    '1. 1.每月报送进展',
    '已完成60%',
    '跨年度项目',
  ],
  ['二、市政府常务会议决定事项', '二、市政府常务会议决定事项', '', '', '', '', '', '', '', '', ''],
  ['2', '河道清淤', '', '常务会议纪要〔2026〕9号', '李副市长', '汉滨区政府', '', 46356, '', '', ''],
  ['序号', '督查事项', '交办依据', '交办文号', '责任领导', '责任单位', '配合单位', '完成时间', '工作要求', '落实情况', '备注'],
  ['3', '优化营商环境', '市长批示', '', '', '市发改委', '各县（市、区）政府', '长期坚持', '', '', ''],
  ['注：完成时间以市政府文件为准。', '', '', '', '', '', '', '', '', '', ''],
];

describe('finding the table in a sheet as offices keep it', () => {
  it('skips title, 填报单位, section, repeated header and note rows, and says which column was read as what', () => {
    const reading = readTable(ledger);
    expect(reading.headerRow).toBe(3);
    expect(reading.columns.map((c) => [c.header, c.readAs])).toEqual([
      ['序号', '序号'],
      ['督查事项', '督查事项'],
      ['交办依据', '来源'],
      ['交办文号', '文号'],
      ['责任领导', '责任领导'],
      ['责任单位', '牵头单位'],
      ['配合单位', '协办单位'],
      ['完成时间', '完成时限'],
      ['工作要求', '督办要求'],
      ['落实情况', '进展情况'],
      ['备注', '备注'],
    ]);
    expect(reading.skipped.map((s) => [s.row, s.kind])).toEqual([
      [1, 'title'],
      [2, 'title'],
      [4, 'section'],
      [6, 'section'],
      [8, 'header'],
      [10, 'note'],
    ]);
    expect(reading.rows.map((r) => [r.row, r.cells.督查事项, r.section])).toEqual([
      [5, '城区供水管网改造', '一、《政府工作报告》重点任务'],
      [7, '河道清淤', '二、市政府常务会议决定事项'],
      [9, '优化营商环境', '二、市政府常务会议决定事项'],
    ]);
    expect(reading.rows[0]?.cells).toMatchObject({ 责任领导: '张市长', 进展情况: '已完成60%', 备注: '跨年度项目' });
    expect(reading.missing).toEqual([]);
  });

  it('reads headers with notes in brackets, line breaks and marks; leaves others out and says so', () => {
    expect(fieldOfHeader('完成时限\n（年月日）')).toBe('完成时限');
    expect(fieldOfHeader('* 牵头单位')).toBe('牵头单位');
    expect(fieldOfHeader('任务来源')).toBe('来源');
    expect(fieldOfHeader('批示件编号')).toBe('文号');
    expect(fieldOfHeader('会办单位')).toBe('协办单位');
    expect(fieldOfHeader('办结时限')).toBe('完成时限');
    expect(fieldOfHeader('牵头领导')).toBe('责任领导');
    expect(fieldOfHeader('完成情况')).toBe('进展情况');
    expect(fieldOfHeader('联系人')).toBeUndefined();
    const reading = readTable([
      ['序号', '督查事项', '牵头单位', '联系人', '完成时限'],
      ['1', '修路', '市交通局', '王五', '2026/11/30'],
    ]);
    expect(reading.ignored).toEqual([{ column: 4, header: '联系人' }]);
    expect(reading.missing).toEqual([]);
  });

  it('never takes a row whose words name fields (政府重要会议决定事项, 重点工作) for a repeated header', () => {
    const reading = readTable([
      ['督查事项', '来源', '牵头单位', '完成时限', '督办要求'],
      ['推进重点工作', '政府重要会议决定事项', '市发改委', '2026-12-31', '工作进展情况'],
    ]);
    expect(reading.rows.map((r) => r.row)).toEqual([2]);
  });

  it('reads a header of two rows: 责任单位 over 牵头单位 and 协办单位, 序号 and 督查事项 merged down', () => {
    const reading = readTable([
      ['2026年重点工作督查台账', '2026年重点工作督查台账', '2026年重点工作督查台账', '2026年重点工作督查台账', '2026年重点工作督查台账'],
      ['序号', '督查事项', '责任单位', '责任单位', '完成时限'],
      ['序号', '督查事项', '牵头单位', '协办单位', '完成时限'],
      ['1', '修路', '市交通局', '市住建局', '2026/11/30'],
    ]);
    expect(reading.columns.map((c) => [c.column, c.readAs])).toEqual([
      [1, '序号'],
      [2, '督查事项'],
      [3, '牵头单位'],
      [4, '协办单位'],
      [5, '完成时限'],
    ]);
    expect(reading.skipped.map((k) => [k.row, k.kind])).toEqual([
      [1, 'title'],
      [3, 'header'],
    ]);
    expect(reading.rows).toEqual([
      { row: 4, cells: { 序号: '1', 督查事项: '修路', 牵头单位: '市交通局', 协办单位: '市住建局', 完成时限: '2026/11/30' } },
    ]);
  });

  it('finds no header in a sheet that is not a ledger, and names what it lacks', () => {
    expect(
      readTable([
        ['名称', '日期'],
        ['a', 'b'],
      ]),
    ).toMatchObject({ headerRow: 0, missing: ['督查事项', '牵头单位', '完成时限'] });
    expect(readTable([['序号', '督查事项', '来源', '备注']]).missing).toEqual(['牵头单位', '完成时限']);
  });
});

describe('deadlines as people write them', () => {
  it('reads dates, phrases, Excel date cells and serial numbers', () => {
    const dates = [
      '2026年12月底前',
      '2026年底',
      '2026年年底前',
      '2026.11.30',
      '2026年11月30日',
      '2026/11/30',
      '2026-11-30',
      '2026年11月30日前',
      '2026年2月底',
      '2026年上半年',
      '2026年第三季度',
      '20261130',
      46356,
      '46356',
      new Date('2026-11-30T00:00:00Z'),
    ].map((cell) => {
      const d = deadlineOf(cell);
      return d.kind === 'date' ? d.date : d.kind;
    });
    expect(dates).toEqual([
      '2026-12-31',
      '2026-12-31',
      '2026-12-31',
      '2026-11-30',
      '2026-11-30',
      '2026-11-30',
      '2026-11-30',
      '2026-11-30',
      '2026-02-28',
      '2026-06-30',
      '2026-09-30',
      '2026-11-30',
      '2026-11-30',
      '2026-11-30',
      '2026-11-30',
    ]);
    expect(excelSerialDate(45658)).toBe('2025-01-01');
    expect(excelSerialDate(12)).toBeUndefined();
  });

  it('makes 长期坚持 and 常态化 standing tasks reviewed on a cadence, keeping the words', () => {
    expect(deadlineOf('长期坚持')).toEqual({ kind: 'standing', words: '长期坚持', reportEveryDays: 30 });
    expect(deadlineOf('常态化推进，每季度报送')).toEqual({ kind: 'standing', words: '常态化推进，每季度报送', reportEveryDays: 90 });
  });

  it('asks about anything else, keeping the words; an empty cell is no deadline', () => {
    expect(deadlineOf('下月底')).toEqual({ kind: 'unclear', words: '下月底' });
    expect(deadlineOf('2026年2月30日')).toEqual({ kind: 'unclear', words: '2026年2月30日' });
    expect(deadlineOf('尽快')).toEqual({ kind: 'unclear', words: '尽快' });
    expect(deadlineOf('')).toEqual({ kind: 'none' });
  });
});

describe('sources from the basis text', () => {
  it('reads the seven sources from the words offices use', () => {
    expect(
      [
        '《政府工作报告》',
        '2026年市政府工作报告',
        '市政府第12次常务会议',
        '市长专题会议纪要',
        '人大代表建议第15号',
        '政协提案第8号',
        '王市长批示',
        '陕西日报报道',
        '市长交办',
        'media-report',
        '新闻媒体反映的重大问题',
        '其他',
      ].map(sourceOfText),
    ).toEqual([
      'work-report',
      'work-report',
      'meeting-decision',
      'meeting-decision',
      'npc-suggestion',
      'cppcc-proposal',
      'leader-instruction',
      'media-report',
      'leader-assignment',
      'media-report',
      'media-report',
      undefined,
    ]);
  });
});

describe('requirements without doubled numbering', () => {
  it('splits points by line, ；and inline numbers, and drops every numbering typed', () => {
    expect(withoutNumbering('1. 1.每月报送进展')).toBe('每月报送进展');
    expect(withoutNumbering('（一）加快进度')).toBe('加快进度');
    expect(requirementsOf('1. 1.每月报送进展\n2、2、年底前完工')).toEqual(['每月报送进展', '年底前完工']);
    expect(requirementsOf('①明确责任人；②每月25日前报送进展。')).toEqual(['明确责任人', '每月25日前报送进展']);
    expect(requirementsOf('1.制定方案。2.按月报送。')).toEqual(['制定方案', '按月报送']);
    expect(requirementsOf('按期完成2026年目标任务')).toEqual(['按期完成2026年目标任务']);
    expect(requirementsOf('')).toEqual([]);
  });
});

describe('units by the names people write', () => {
  const roster: NamedUnit[] = [
    { id: 'fgw', name: '市发展和改革委员会', kind: 'department', shortName: '市发改委' },
    { id: 'zjj', name: '市住房和城乡建设局', kind: 'department' },
    { id: 'slj', name: '市水利局', kind: 'department', aliases: ['水利局'] },
    { id: 'hanbin', name: '汉滨区人民政府', kind: 'county' },
    { id: 'hanyin', name: '汉阴县人民政府', kind: 'county' },
    { id: 'shiquan', name: '石泉县人民政府', kind: 'county' },
    { id: 'mayor', name: '市政府领导', kind: 'leadership' },
  ];

  it('matches the full name, the 简称, an alias and the id exactly, whatever the spaces and full-width forms', () => {
    expect(matchUnit('市发展和改革委员会', roster)).toEqual({ kind: 'exact', unitId: 'fgw', by: 'name' });
    expect(matchUnit('市发改委', roster)).toEqual({ kind: 'exact', unitId: 'fgw', by: 'shortName' });
    expect(matchUnit('水利局', roster)).toEqual({ kind: 'exact', unitId: 'slj', by: 'alias' });
    expect(matchUnit('hanbin', roster)).toEqual({ kind: 'exact', unitId: 'hanbin', by: 'id' });
    expect(matchUnit('汉滨区 人民政府', roster)).toMatchObject({ kind: 'exact', unitId: 'hanbin' });
  });

  it('offers near names to ask 您是否指…？, the likeliest first', () => {
    expect(matchUnit('汉滨区政府', roster)).toEqual({ kind: 'near', candidates: [{ unitId: 'hanbin', name: '汉滨区人民政府' }] });
    expect(matchUnit('市住建局', roster)).toEqual({ kind: 'near', candidates: [{ unitId: 'zjj', name: '市住房和城乡建设局' }] });
    expect(matchUnit('汉宾区人民政府', roster)).toMatchObject({ kind: 'near', candidates: [{ unitId: 'hanbin' }] });
    expect(matchUnit('市教育局', roster)).toEqual({ kind: 'unknown' });
  });

  it('expands collective names to the units they name', () => {
    const counties = { kind: 'collective', unitIds: ['hanbin', 'hanyin', 'shiquan'] };
    expect(matchUnit('各县（市、区）政府', roster)).toMatchObject(counties);
    expect(matchUnit('各县区人民政府', roster)).toMatchObject(counties);
    expect(matchUnit('市直各部门', roster)).toMatchObject({ kind: 'collective', unitIds: ['fgw', 'zjj', 'slj'] });
    expect(matchUnit('有关部门', roster)).toEqual({ kind: 'unknown' });
  });

  it('splits a cell of names, but not inside brackets; a confirmed name becomes an alias once', () => {
    expect(unitNamesIn('市发改委、市住建局，各县（市、区）政府\n市水利局')).toEqual([
      '市发改委',
      '市住建局',
      '各县（市、区）政府',
      '市水利局',
    ]);
    const hanbin = roster[3] as NamedUnit;
    expect(withAlias(hanbin, '汉滨区政府')).toEqual(['汉滨区政府']);
    expect(withAlias({ ...hanbin, aliases: ['汉滨区政府'] }, '汉滨区 政府')).toBeUndefined();
    expect(withAlias(hanbin, '汉滨区人民政府')).toBeUndefined();
  });
});
