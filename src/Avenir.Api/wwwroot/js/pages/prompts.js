// Internal: prompt A/B tests (status, per-arm metrics, p-values, winner), the registry's variants and the
// evolution history. Creating a test, starting and cancelling it; polled like every page.
import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { t, formatDateTime, formatNumber, formatPercent } from '../i18n.js';
import { poll } from '../poll.js';
import { showError, showMessage, attempt } from '../notices.js';
import { ask } from '../components/dialog.js';

export async function renderPromptTests(view) {
  const tests = h('div', { id: 'prompt-tests' }, h('p', { class: 'muted' }, t('common.loading')));
  const variants = h('div', { id: 'prompt-variants' });
  const evolution = h('div', { id: 'prompt-evolution' });
  const formSlot = h('div', { id: 'prompt-test-form' });
  mount(view,
    h('div', { class: 'page-head' }, h('h1', null, t('prompts.title'))),
    h('section', { class: 'card' }, h('h2', null, t('prompts.tests')), tests),
    formSlot,
    h('section', { class: 'card' }, h('h2', null, t('prompts.variants')), variants),
    h('section', { class: 'card' }, h('h2', null, t('prompts.evolution')), evolution));

  let lastJson = '';
  let lastVariantsJson = '';
  const load = async ({ force = false } = {}) => {
    const [testList, variantList, evolutionList] = await Promise.all([
      api.get('/api/admin/prompt-tests'), api.get('/api/admin/prompts'), api.get('/api/admin/prompt-evolution')]);
    const json = JSON.stringify([testList, variantList, evolutionList]);
    if (!force && json === lastJson) return;
    lastJson = json;
    drawTests(tests, testList, () => load({ force: true }));
    drawVariants(variants, variantList);
    drawEvolution(evolution, evolutionList);
    // The form keeps what the user typed unless the variants it offers changed.
    const variantsJson = JSON.stringify(variantList.map(v => [v.variantId, v.isActive]));
    if (variantsJson !== lastVariantsJson) {
      lastVariantsJson = variantsJson;
      mount(formSlot, createForm(variantList, () => load({ force: true })));
    }
  };

  try { await load({ force: true }); } catch (error) { mount(tests); showError(error); }
  return poll(() => load());
}

function drawTests(target, tests, reload) {
  if (!tests.length) { mount(target, h('p', { class: 'empty', id: 'prompt-tests-empty' }, t('prompts.noTests'))); return; }
  mount(target, h('div', { class: 'table-wrap' }, h('table', { id: 'prompt-tests-table' },
    h('thead', null, h('tr', null, ['prompts.test', 'prompts.status', 'prompts.control', 'prompts.treatment', 'prompts.pValue', 'prompts.winner', 'admin.actions']
      .map(key => h('th', { scope: 'col' }, t(key))))),
    h('tbody', null, tests.map(test => h('tr', { dataset: { testId: test.id, status: test.status } },
      h('td', { 'data-label': t('prompts.test') },
        h('strong', null, test.testName),
        h('span', { class: 'sub' }, `${test.promptName} · ${test.language} · ${t('prompts.split', { control: formatNumber(test.controlTrafficPercentage), treatment: formatNumber(test.treatmentTrafficPercentage) })}`),
        h('span', { class: 'sub' }, t('prompts.rules', { n: formatNumber(test.minSampleSize), days: formatNumber(test.maxDurationDays), alpha: formatNumber(test.significanceLevel) }))),
      h('td', { 'data-label': t('prompts.status') },
        h('span', { class: ['status-pill', test.status] }, t(`prompts.status.${test.status}`)),
        test.endReason ? h('span', { class: 'sub' }, t(`prompts.end.${test.endReason}`)) : null,
        test.endsBy && test.status === 'running' ? h('span', { class: 'sub' }, t('prompts.endsBy', { time: formatDateTime(test.endsBy) })) : null),
      h('td', { 'data-label': t('prompts.control') }, arm(test.controlVariantId, test.control)),
      h('td', { 'data-label': t('prompts.treatment') }, arm(test.treatmentVariantId, test.treatment)),
      h('td', { 'data-label': t('prompts.pValue'), class: 'num' },
        test.pValue === null || test.pValue === undefined ? t('common.none') : formatNumber(test.pValue, { maximumSignificantDigits: 3 }),
        test.qualityPValue === null || test.qualityPValue === undefined ? null : h('span', { class: 'sub' }, t('prompts.qualityP', { p: formatNumber(test.qualityPValue, { maximumSignificantDigits: 3 }) }))),
      h('td', { 'data-label': t('prompts.winner') }, test.winnerVariantId ?? (test.status === 'completed' ? t('prompts.noWinner') : t('common.none'))),
      h('td', { 'data-label': t('admin.actions'), class: 'row-actions' },
        test.status === 'draft' ? h('button', { type: 'button', class: 'secondary small', dataset: { testAction: 'start' }, onclick: async e => {
          if (await attempt(() => api.post(`/api/admin/prompt-tests/${encodeURIComponent(test.id)}/start`, {}), e.currentTarget)) { showMessage(t('prompts.started')); await reload(); }
        } }, t('prompts.start')) : null,
        test.status === 'draft' || test.status === 'running' ? h('button', { type: 'button', class: 'secondary small', dataset: { testAction: 'cancel' }, onclick: async e => {
          const button = e.currentTarget;
          if (await ask({ title: t('prompts.cancel'), text: t('prompts.confirmCancel', { name: test.testName }), confirm: t('prompts.cancel'), danger: true }) === null) return;
          if (await attempt(() => api.post(`/api/admin/prompt-tests/${encodeURIComponent(test.id)}/cancel`, {}), button)) { showMessage(t('prompts.cancelled')); await reload(); }
        } }, t('prompts.cancel')) : null)))))));
}

function arm(variantId, metrics) {
  return [
    h('strong', null, variantId),
    metrics ? h('span', { class: 'sub' }, t('prompts.armMetrics', {
      samples: formatNumber(metrics.samples), successes: formatNumber(metrics.successes), rate: formatPercent(metrics.rate),
      quality: formatNumber(metrics.meanQuality, { maximumFractionDigits: 3 }) })) : null,
  ];
}

function drawVariants(target, variants) {
  mount(target, h('div', { class: 'table-wrap' }, h('table', { id: 'prompt-variants-table' },
    h('thead', null, h('tr', null, ['prompts.variant', 'prompts.language', 'prompts.version', 'prompts.active', 'prompts.score', 'prompts.usage']
      .map(key => h('th', { scope: 'col' }, t(key))))),
    h('tbody', null, variants.map(variant => h('tr', { dataset: { variantId: variant.variantId } },
      h('td', { 'data-label': t('prompts.variant') }, h('strong', null, variant.variantId), variant.parentVariantId ? h('span', { class: 'sub' }, t('prompts.parent', { parent: variant.parentVariantId })) : null),
      h('td', { 'data-label': t('prompts.language') }, variant.language),
      h('td', { 'data-label': t('prompts.version'), class: 'num' }, formatNumber(variant.version)),
      h('td', { 'data-label': t('prompts.active') }, variant.isActive ? t('prompts.yes') : t('prompts.no')),
      h('td', { 'data-label': t('prompts.score'), class: 'num' }, variant.score === null || variant.score === undefined ? t('common.none') : formatNumber(variant.score, { maximumFractionDigits: 3 })),
      h('td', { 'data-label': t('prompts.usage'), class: 'num' }, formatNumber(variant.usageCount))))))));
}

function drawEvolution(target, rows) {
  if (!rows.length) { mount(target, h('p', { class: 'empty', id: 'prompt-evolution-empty' }, t('prompts.noEvolution'))); return; }
  mount(target, h('ul', { class: 'evolution', id: 'prompt-evolution-list' }, rows.map(row => h('li', null,
    h('strong', null, `${row.parentVariantId} → ${row.childVariantId}`), ' · ', row.evolutionType,
    row.improvementScore === null || row.improvementScore === undefined ? '' : ` · ${t('prompts.improvement', { value: formatNumber(row.improvementScore, { signDisplay: 'always', maximumFractionDigits: 3 }) })}`,
    ' · ', h('time', { datetime: row.evolvedAt }, formatDateTime(row.evolvedAt))))));
}

function createForm(variants, onCreated) {
  const options = variants.map(variant => [variant.variantId, `${variant.variantId}${variant.isActive ? '' : ` (${t('prompts.inactive')})`}`]);
  const controls = {
    name: h('input', { id: 'test-name', type: 'text', required: true, maxlength: 100 }),
    control: select({ id: 'test-control' }, options, variants.find(v => v.isActive)?.variantId),
    treatment: select({ id: 'test-treatment' }, options, variants.find(v => !v.isActive)?.variantId),
    treatmentShare: h('input', { id: 'test-treatment-share', type: 'number', min: 1, max: 99, value: 50 }),
    minSample: h('input', { id: 'test-min-sample', type: 'number', min: 1, value: 100 }),
    maxDays: h('input', { id: 'test-max-days', type: 'number', min: 1, value: 7 }),
    alpha: h('input', { id: 'test-alpha', type: 'number', min: 0.001, max: 0.5, step: 0.001, value: 0.05 }),
  };
  const field = (id, key, control) => h('div', { class: 'field' }, h('label', { for: id }, t(key)), control);
  const form = h('form', { class: 'card form', id: 'create-prompt-test', onsubmit: async e => {
    e.preventDefault();
    const treatment = Number(controls.treatmentShare.value);
    const body = {
      testName: controls.name.value.trim(),
      controlVariantId: controls.control.value,
      treatmentVariantId: controls.treatment.value,
      controlTrafficPercentage: 100 - treatment,
      treatmentTrafficPercentage: treatment,
      minSampleSize: Number(controls.minSample.value),
      maxDurationDays: Number(controls.maxDays.value),
      significanceLevel: Number(controls.alpha.value),
    };
    if (await attempt(() => api.post('/api/admin/prompt-tests', body), e.submitter)) {
      form.reset();
      showMessage(t('prompts.created'));
      await onCreated().catch(showError);
    }
  } },
    h('h2', null, t('prompts.create')),
    field('test-name', 'prompts.testName', controls.name),
    field('test-control', 'prompts.control', controls.control),
    field('test-treatment', 'prompts.treatment', controls.treatment),
    field('test-treatment-share', 'prompts.treatmentShare', controls.treatmentShare),
    field('test-min-sample', 'prompts.minSample', controls.minSample),
    field('test-max-days', 'prompts.maxDays', controls.maxDays),
    field('test-alpha', 'prompts.alpha', controls.alpha),
    h('p', { class: 'muted small' }, t('prompts.createHelp')),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('prompts.create'))));
  return form;
}
