// Generates plans of many units in the interchange format, for benchmarks and large-plan tests.
// Deterministic: the same size always gives the same plan.

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A plan with one total and `units` reporting units in three groups. */
export function bigPlan(units, seed = 7) {
  const r = rng(seed);
  const amount = (max) => Math.round(r() * max * 10) / 10;
  const list = [
    {
      id: 'city',
      name: '全市',
      total: true,
      figures: {
        registered: { targets: { assessment: 42410 * units, stretch: 57545 * units } },
        arrived: { carryover: 1200, targets: { assessment: 23460 * units, stretch: 34050 * units } },
      },
    },
  ];
  for (let i = 1; i <= units; i++) {
    const group = i === 1 ? '开发区' : i % 3 === 0 ? '乡镇' : '部门';
    const figure = (scale) => ({
      actual: amount(scale),
      lastYear: amount(scale),
      targets: { assessment: Math.round(scale * 1.2), stretch: Math.round(scale * 1.6) },
    });
    list.push({ id: `u${i}`, name: `单位${i}`, group, figures: { registered: figure(3000), arrived: figure(1500) } });
  }
  return {
    format: 'pace-plan',
    version: 1,
    title: `压力测试 ${units}个单位`,
    year: 2026,
    month: 7,
    unit: '万美元',
    metrics: [
      { id: 'registered', name: '新批注册外资' },
      { id: 'arrived', name: '注册外资实际到帐' },
    ],
    tiers: [
      { id: 'assessment', name: '考核目标' },
      { id: 'stretch', name: '加压目标' },
    ],
    units: list,
  };
}
