import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderApp } from './test-helpers.tsx';
import { textWidth } from './text-width.ts';

afterEach(cleanup);

describe('help', () => {
  it('? shows the help overlay with every key, and Esc closes it', async () => {
    const app = renderApp();
    await app.press('?');
    const frame = app.frame();
    expect(frame).toContain('Keys');
    for (const text of ['Everywhere', 'On a step', 'In the simulator', "run the step's public tests", 'watch: run them again', 'reveal the next hint', 'one step back / forward', 'ten steps back / forward', 'to the start / the end', 'to the next event of the chosen kind', 'predict mode', 'quit (from the lab list)']) {
      expect(frame).toContain(text);
    }
    expect(frame).toContain('Esc ? close help');
    await app.press(KEY.escape);
    expect(app.frame()).toContain('virtlab — Labs');
  });

  it('? closes the overlay too, and keys do not reach the screen under it', async () => {
    const app = renderApp();
    await app.press('?', 'j', 'q', '?');
    expect(app.frame()).toContain('› The Director');
    expect(app.exits).toHaveLength(0);
  });

  it('? works on every screen', async () => {
    const app = renderApp();
    for (const keys of [[KEY.enter], [KEY.enter], ['s']]) {
      await app.press(...keys, '?');
      expect(app.frame()).toContain('In the simulator');
      await app.press('?');
      expect(app.frame()).not.toContain('In the simulator');
    }
  });

  it("the footer lists each screen's keys", async () => {
    const app = renderApp();
    expect(app.frame()).toContain('↑↓ j k move  Enter open  ? help  q quit');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('↑↓ j k move  Enter open  Esc back  ? help');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('↑↓ j k scroll  t test  w watch  h hint  s simulator  Esc back  ? help');
    await app.press('s');
    expect(app.frame()).toContain('← → p n step  [ ] ±10  g G ends  e next  k kind  a predict  Esc back  ? help');
  });
});

describe('languages', () => {
  it('everything is in Chinese with lang zh', async () => {
    const app = renderApp({ lang: 'zh' });
    expect(app.frame()).toContain('virtlab — 实验');
    expect(app.frame()).toContain('› 监控程序 Director');
    expect(app.frame()).toContain('0/2 个步骤 · 0/100 分 · 尚未运行测试');
    expect(app.frame()).toContain('移动');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('实现一个小小的监控程序');
    expect(app.frame()).toContain('1. 保存程序的上下文');
    expect(app.frame()).toContain('40 分');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('步骤 1/2：保存程序的上下文');
    expect(app.frame()).toContain('步骤 1 — 保存程序的上下文');
    expect(app.frame()).toContain('按 h 查看提示（本步骤共 3 条）。');
    await app.press('t');
    expect(app.frame()).toContain('测试  1 个通过，1 个失败');
    expect(app.frame()).toContain('- 期望值   + 实际值');
    expect(app.frame()).toContain('输出：saving program A');
    await app.press('h');
    expect(app.frame()).toContain('提示 1/3');
    expect(app.frame()).toContain('第一条提示：指令能读到什么？');
    await app.press('s', 'a');
    expect(app.frame()).toContain('两个程序轮流运行');
    expect(app.frame()).toContain('第 0/19 步 · t=0');
    expect(app.frame()).toContain('▶ 第 0 号事件');
    expect(app.frame()).toContain('存储区域');
    expect(app.frame()).toContain('接下来会发生什么？');
    expect(app.frame()).toContain('下一个事件是什么类型？');
    expect(app.frame()).toContain('2. 定时器');
    await app.press('?');
    expect(app.frame()).toContain('模拟器');
    expect(app.frame()).toContain('后退 / 前进十步');
  });

  it('Chinese labels keep the values of a panel in one column', async () => {
    const app = renderApp({ lang: 'zh' });
    await app.press(KEY.enter, KEY.enter, 's');
    const lines = app.frame().split('\n');
    const column = (text: string) => {
      const line = lines.find((l) => l.includes(text))!;
      return textWidth(line.slice(0, line.indexOf(text)));
    };
    expect(column('0x1000')).toBe(column('0x2000'));
    expect(column('0x0040')).toBe(column('user'));
  });
});
