import { describe, expect, it } from 'vitest';
import { contactRoleOf, readRoster, rosterUnitId, unitKindOf } from '../../functions/domain/roster-reading';

/** 单位名册 as offices keep it: a title, then one row per contact (the unit's name merged down) or per unit. */
describe('reading a roster sheet', () => {
  it('reads one row per contact, the unit’s name written once (merged cells read as the name repeated, or blank)', () => {
    const { headerRow, units } = readRoster([
      ['2026年督查工作联络员名册', '', '', '', ''],
      ['单位名称', '简称', '姓名', '职务', '电子邮箱'],
      ['市发展和改革委员会', '市发改委', '马主任', '主要负责人', 'head@fgw.example.gov.cn'],
      ['', '', '高科长', '督查联络员', 'liaison@fgw.example.gov.cn'],
      ['汉滨区人民政府', '', '陈区长', '区长', 'head@hanbin.example.gov.cn'],
      ['汉滨区人民政府', '', '周秘书', '联络员', 'liaison@hanbin.example.gov.cn'],
    ]);
    expect(headerRow).toBe(2);
    expect(units.map((u) => [u.name, u.shortName, u.contacts.map((c) => `${c.name}/${c.role}`)])).toEqual([
      ['市发展和改革委员会', '市发改委', ['马主任/head', '高科长/liaison']],
      ['汉滨区人民政府', undefined, ['陈区长/head', '周秘书/liaison']],
    ]);
  });

  it('reads one row per unit with 负责人 and 联络员 side by side', () => {
    const { units } = readRoster([
      ['单位', '类别', '负责人', '负责人邮箱', '联络员', '联络员邮箱'],
      ['市水利局', '市政府工作部门', '李局长', 'head@slj.example.gov.cn', '赵科长', 'liaison@slj.example.gov.cn'],
    ]);
    expect(units[0]).toMatchObject({
      name: '市水利局',
      kindText: '市政府工作部门',
      contacts: [
        { name: '李局长', email: 'head@slj.example.gov.cn', role: 'head' },
        { name: '赵科长', email: 'liaison@slj.example.gov.cn', role: 'liaison' },
      ],
    });
  });

  it('says what a sheet without a unit’s name or an address lacks', () => {
    expect(readRoster([['姓名', '电话']]).missing).toEqual(['单位名称', '邮箱']);
  });

  it('reads roles, kinds and a stable code', () => {
    expect(['主要负责人', '局长', '副局长', '联络员', '科员', ''].map(contactRoleOf)).toEqual([
      'head',
      'head',
      'liaison',
      'liaison',
      'liaison',
      'liaison',
    ]);
    expect(unitKindOf('县（市、区）政府', '汉阴县人民政府')).toBe('county');
    expect(unitKindOf(undefined, '汉滨区人民政府')).toBe('county');
    expect(unitKindOf(undefined, '市住房和城乡建设局')).toBe('department');
    expect(unitKindOf(undefined, '市政务服务中心')).toBe('agency');
    expect(rosterUnitId('市水利局')).toBe(rosterUnitId(' 市水利局 '));
    expect(rosterUnitId('市水利局')).toMatch(/^u-[0-9a-f]{12}$/);
  });
});
