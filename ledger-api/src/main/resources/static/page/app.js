// The ledger's page: plain JavaScript, no framework. Everything shown comes from the public REST API; the state of
// the page (view, programme, dates, filters) lives in the URL so that a link shows a colleague the same thing.
(function () {
  'use strict';

  const TEXT = {
    nb: {
      title: 'Forpliktelsesregisteret', skip: 'Hopp til innholdet', views: 'Visninger', when: 'Tidspunkt',
      tagline: 'Kommunenes beslutninger i nasjonale e-helseprogrammer, for enhver dato',
      viewProgramme: 'Program', viewParticipants: 'Deltakere', viewMunicipality: 'Kommune', viewCompany: 'Selskap',
      programme: 'Program', municipalityNumber: 'Kommunenummer', company: 'Selskap', asOf: 'Per dato',
      knownAt: 'Slik registeret kjente det', utc: '(UTC, tomt: nå)', show: 'Vis', knownNow: 'Nå',
      programmeHeading: 'Oppslutning', chartFrom: 'Kurven fra', chartTo: 'til',
      firstMet: 'Terskler første gang nådd', byRegion: 'Per helseregion', downloadCsv: 'Last ned CSV',
      curveData: 'Tallene bak kurven', participantsHeading: 'Deltakere', declaration: 'Intensjonserklæring',
      agreement: 'Avtale', region: 'Helseregion', search: 'Søk etter navn eller nummer', all: 'Alle',
      SIGNED: 'Signert', NOT_SIGNED: 'Ikke signert', WITHDRAWN: 'Trukket', COMMITMENT: 'Forpliktelsesavtale',
      OPTION: 'Opsjonsavtale', NONE: 'Ingen', NORD: 'Helse Nord', MIDT: 'Helse Midt-Norge', VEST: 'Helse Vest',
      SOR_OST: 'Helse Sør-Øst', ALL: 'Alle i omfang', downloadShown: 'Last ned det som vises (CSV)',
      municipalityHeading: 'Kommunens historie', companyHeading: 'Eierskap',
      needsAuditor: 'Historikken viser hvem som registrerte hva, og er derfor bare for revisorer (rollen AUDITOR). '
        + 'Logg inn med en revisors brukernavn og passord.',
      wrongCredentials: 'Brukernavn eller passord stemmer ikke. Prøv igjen.',
      notAuditor: 'Denne brukeren har ikke rollen AUDITOR, som historikken krever.',
      user: 'Brukernavn', password: 'Passord', signIn: 'Logg inn', signOut: 'Logg ut', signedInAs: 'Innlogget som',
      footer: 'Alt på siden kommer fra registerets offentlige REST-API.',
      declarations: 'Intensjonserklæringer', commitments: 'Forpliktelsesavtaler', options: 'Opsjonsavtaler',
      procurement: 'Før anskaffelse', shortDeclaration: 'erklæring', shortCommitment: 'forpliktelse',
      shortProcurement: 'anskaffelse',
      ofPopulation: 'av innbyggerne i omfang', municipalities: 'kommuner', threshold: 'Terskel',
      met: 'nådd', notMet: 'ikke nådd', optionsReach: 'med opsjonene innen rekkevidde',
      thresholdDeclaration: 'Intensjonserklæringer over {0}', thresholdCommitment: 'Forpliktelser minst {0}',
      thresholdProcurement: 'Forpliktelser minst {0} (før anskaffelse)', notMetInRange: 'ikke nådd i perioden',
      deadline: 'Frist', extension: 'Utsatt frist', asOfMark: 'Per dato',
      chartTitle: 'Oppslutning over tid, andel av innbyggerne i omfang',
      chartDesc: 'Linjer for intensjonserklæringer, forpliktelsesavtaler og opsjonsavtaler; stiplede linjer for tersklene.',
      caption: 'Andel av innbyggerne i {0} kommuner i omfang. Stiplet: tersklene. Rødt: fristen{1}.',
      captionExtensions: ' og utsatte frister',
      date: 'Dato', scope: 'I omfang', population: 'Innbyggere', share: 'Andel', number: 'Nr.', name: 'Navn',
      county: 'Fylke', healthRegion: 'Helseregion', deadlineColumn: 'Frist', viaOption: 'Via opsjon', yes: 'ja',
      no: 'nei', shown: '{0} kommuner vises', loading: 'Henter …', failed: 'Kunne ikke hente: {0}',
      unknownProgramme: 'Fant ikke programmet «{0}».', chooseMunicipality: 'Skriv et kommunenummer, eller velg en kommune i deltakerlisten.',
      noEvents: 'Ingen hendelser registrert for kommunen per denne datoen.',
      effective: 'Gjelder fra', recordedAt: 'Registrert', recordedBy: 'av', source: 'Kilde', eventId: 'Hendelse',
      reason: 'Begrunnelse', retractedBy: 'Trukket tilbake', retracts: 'Trekker tilbake', retractedNote: 'Rettet: denne beslutningen ble trukket tilbake {0}. Begrunnelse: {1}',
      owner: 'Eier', kind: 'Type', shares: 'Aksjer', MUNICIPALITY: 'Kommune', KS: 'KS', STATE: 'Staten',
      OTHER: 'Annen', majorityYes: 'Kommunene eier flertallet ({0}).', majorityNo: 'Kommunene eier ikke flertallet ({0}).',
      noOwners: 'Ingen aksjer utstedt per denne datoen.', totals: 'Sum per type eier', founded: 'stiftet',
      language: 'English', languageCode: 'en',
      types: {
        MunicipalityRegistered: 'Kommunen registrert', PopulationCounted: 'Innbyggertall', PopulationCountRetracted: 'Innbyggertall trukket tilbake',
        MunicipalityInvited: 'Invitert', DeclarationSigned: 'Intensjonserklæring signert',
        DeclarationWithdrawn: 'Intensjonserklæring trukket', ExtensionGranted: 'Utsatt frist',
        CommitmentAgreementEntered: 'Forpliktelsesavtale inngått', OptionAgreementEntered: 'Opsjonsavtale inngått',
        OptionExercised: 'Opsjon innløst', OptionLapsed: 'Opsjon bortfalt', SharesIssued: 'Aksjer utstedt',
        SharesTransferred: 'Aksjer overdratt', ParticipationDecisionRetracted: 'Beslutning trukket tilbake',
        ShareDecisionRetracted: 'Aksjebeslutning trukket tilbake'
      }
    },
    en: {
      title: 'Commitment ledger', skip: 'Skip to content', views: 'Views', when: 'Point in time',
      tagline: 'Municipal decisions in national e-health programmes, for any date',
      viewProgramme: 'Programme', viewParticipants: 'Participants', viewMunicipality: 'Municipality',
      viewCompany: 'Company', programme: 'Programme', municipalityNumber: 'Municipality number', company: 'Company',
      asOf: 'As of', knownAt: 'As known at', utc: '(UTC, empty: now)', show: 'Show', knownNow: 'Now',
      programmeHeading: 'Coverage', chartFrom: 'Curve from', chartTo: 'to', firstMet: 'Thresholds first met',
      byRegion: 'By health region', downloadCsv: 'Download CSV', curveData: 'The figures behind the curve',
      participantsHeading: 'Participants', declaration: 'Declaration of intent', agreement: 'Agreement',
      region: 'Health region', search: 'Search by name or number', all: 'All', SIGNED: 'Signed',
      NOT_SIGNED: 'Not signed', WITHDRAWN: 'Withdrawn', COMMITMENT: 'Commitment agreement', OPTION: 'Option agreement',
      NONE: 'None', NORD: 'Northern Norway', MIDT: 'Central Norway', VEST: 'Western Norway',
      SOR_OST: 'South-Eastern Norway', ALL: 'All in scope', downloadShown: 'Download what is shown (CSV)',
      municipalityHeading: 'The municipality\'s story', companyHeading: 'Ownership',
      needsAuditor: 'The history shows who recorded what, so it is for auditors only (role AUDITOR). '
        + 'Sign in with an auditor\'s user name and password.',
      wrongCredentials: 'User name or password is wrong. Try again.',
      notAuditor: 'This user does not have the role AUDITOR, which the history needs.',
      user: 'User name', password: 'Password', signIn: 'Sign in', signOut: 'Sign out', signedInAs: 'Signed in as',
      footer: 'Everything on this page comes from the ledger\'s public REST API.',
      declarations: 'Declarations of intent', commitments: 'Commitment agreements', options: 'Option agreements',
      procurement: 'Before procurement', shortDeclaration: 'declaration', shortCommitment: 'commitment',
      shortProcurement: 'procurement', ofPopulation: 'of the population in scope', municipalities: 'municipalities',
      threshold: 'Threshold', met: 'met', notMet: 'not met', optionsReach: 'within reach with the options',
      thresholdDeclaration: 'Declarations above {0}', thresholdCommitment: 'Commitments at least {0}',
      thresholdProcurement: 'Commitments at least {0} (before procurement)', notMetInRange: 'not met in the range',
      deadline: 'Deadline', extension: 'Extended deadline', asOfMark: 'As of',
      chartTitle: 'Coverage over time, share of the population in scope',
      chartDesc: 'Lines for declarations, commitment agreements and option agreements; dashed lines for the thresholds.',
      caption: 'Share of the population of the {0} municipalities in scope. Dashed: the thresholds. Red: the deadline{1}.',
      captionExtensions: ' and extended deadlines',
      date: 'Date', scope: 'In scope', population: 'Population', share: 'Share', number: 'No.', name: 'Name',
      county: 'County', healthRegion: 'Health region', deadlineColumn: 'Deadline', viaOption: 'Via option',
      yes: 'yes', no: 'no', shown: '{0} municipalities shown', loading: 'Loading …', failed: 'Could not load: {0}',
      unknownProgramme: 'No programme named "{0}".', chooseMunicipality: 'Enter a municipality number, or choose a municipality in the participants list.',
      noEvents: 'No events recorded about the municipality as of this date.',
      effective: 'Effective', recordedAt: 'Recorded', recordedBy: 'by', source: 'Source', eventId: 'Event',
      reason: 'Reason', retractedBy: 'Retracted', retracts: 'Retracts', retractedNote: 'Mended: this decision was retracted on {0}. Reason: {1}',
      owner: 'Owner', kind: 'Kind', shares: 'Shares', MUNICIPALITY: 'Municipality', KS: 'KS', STATE: 'The state',
      OTHER: 'Other', majorityYes: 'Municipalities hold the majority ({0}).', majorityNo: 'Municipalities do not hold the majority ({0}).',
      noOwners: 'No shares issued as of this date.', totals: 'Totals by kind of owner', founded: 'founded',
      language: 'Norsk', languageCode: 'nb',
      types: {
        MunicipalityRegistered: 'Municipality registered', PopulationCounted: 'Population counted', PopulationCountRetracted: 'Population count retracted',
        MunicipalityInvited: 'Invited', DeclarationSigned: 'Declaration signed', DeclarationWithdrawn: 'Declaration withdrawn',
        ExtensionGranted: 'Extension granted', CommitmentAgreementEntered: 'Commitment agreement entered',
        OptionAgreementEntered: 'Option agreement entered', OptionExercised: 'Option exercised',
        OptionLapsed: 'Option lapsed', SharesIssued: 'Shares issued', SharesTransferred: 'Shares transferred',
        ParticipationDecisionRetracted: 'Decision retracted', ShareDecisionRetracted: 'Share decision retracted'
      }
    }
  };

  const VIEWS = ['programme', 'participants', 'municipality', 'company'];
  const DEFAULTS = { view: 'programme', programme: 'akson', company: 'akson-journal' };
  const CREDENTIALS = 'ledger.authorization';
  const $ = (id) => document.getElementById(id);

  let state = {};
  let renderToken = 0;

  // ---- state in the URL ----
  function readState() {
    const query = new URLSearchParams(location.search);
    const read = {};
    for (const [key, value] of query) {
      if (value !== '') read[key] = value;
    }
    read.view = VIEWS.includes(read.view) ? read.view : DEFAULTS.view;
    read.lang = read.lang === 'en' ? 'en' : 'nb';
    read.programme = read.programme || DEFAULTS.programme;
    read.company = read.company || DEFAULTS.company;
    if (!read.asOf) read.asOf = read.programme === 'akson' ? '2020-07-01' : today();
    return read;
  }

  function writeState(replace) {
    const query = new URLSearchParams();
    const order = ['view', 'lang', 'programme', 'asOf', 'knownAt', 'from', 'to', 'declaration', 'agreement',
      'region', 'q', 'sort', 'number', 'company'];
    for (const key of order) {
      if (state[key] !== undefined && state[key] !== '' && !(key === 'lang' && state[key] === 'nb')) {
        query.set(key, state[key]);
      }
    }
    const url = '?' + query.toString();
    if (url !== location.search) {
      if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
    }
  }

  function update(changes, replace) {
    Object.assign(state, changes);
    for (const key of Object.keys(changes)) {
      if (changes[key] === '' || changes[key] === null) delete state[key];
    }
    writeState(replace);
    render();
  }

  // ---- words and numbers ----
  function t(key, ...values) {
    const words = TEXT[state.lang] || TEXT.nb;
    let text = words[key] !== undefined ? words[key] : key;
    values.forEach((value, index) => { text = text.replace('{' + index + '}', value); });
    return text;
  }
  const locale = () => (state.lang === 'en' ? 'en-GB' : 'nb-NO');
  const percent = (share) => new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: 1,
    maximumFractionDigits: 1 }).format(Number(share));
  const whole = (number) => new Intl.NumberFormat(locale()).format(Number(number));
  const date = (iso) => iso ? new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric',
    timeZone: 'UTC' }).format(new Date(iso + 'T00:00:00Z')) : '';
  const instant = (iso) => iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium',
    timeZone: 'UTC' }).format(new Date(iso)) + ' UTC' : '';
  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function element(name, attributes, ...children) {
    const made = document.createElement(name);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') made.textContent = value; else made.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      made.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return made;
  }

  function translateStatic() {
    document.documentElement.lang = state.lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll('[data-i18n-aria]').forEach((node) => {
      node.setAttribute('aria-label', t(node.dataset.i18nAria));
    });
    const language = $('language');
    language.textContent = t('language');
    language.lang = t('languageCode');
  }

  // ---- the API ----
  function apiUrl(path, parameters) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(parameters || {})) {
      if (value !== undefined && value !== null && value !== '') query.set(key, value);
    }
    const text = query.toString();
    return path + (text ? '?' + text : '');
  }

  async function api(path, parameters, withCredentials) {
    const headers = { Accept: 'application/json' };
    const authorization = sessionStorage.getItem(CREDENTIALS);
    if (withCredentials && authorization) headers.Authorization = authorization;
    const response = await fetch(apiUrl(path, parameters), { headers, credentials: 'omit' });
    let body = null;
    try { body = await response.json(); } catch (ignored) { body = null; }
    if (!response.ok) {
      const failure = new Error((body && (body.detail || body.title)) || response.status + ' ' + response.statusText);
      failure.status = response.status;
      throw failure;
    }
    return body;
  }

  function pointInTime() {
    return { asOf: state.asOf, knownAt: state.knownAt ? state.knownAt : undefined };
  }

  function setStatus(text, isError) {
    const status = $('status');
    status.textContent = text || '';
    status.classList.toggle('error', !!isError);
  }

  // ---- rendering ----
  async function render() {
    const token = ++renderToken;
    translateStatic();
    document.querySelectorAll('.views a').forEach((link) => {
      const view = link.dataset.view;
      const query = new URLSearchParams(location.search);
      query.set('view', view);
      link.href = '?' + query.toString();
      if (view === state.view) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    });
    VIEWS.forEach((view) => { $(view + 'View').hidden = view !== state.view; });
    document.querySelectorAll('.when .field[data-for]').forEach((field) => {
      field.hidden = !field.dataset.for.split(' ').includes(state.view);
    });
    fillForm();
    setStatus(t('loading'));
    try {
      if (state.view === 'programme') await renderProgramme(token);
      else if (state.view === 'participants') await renderParticipants(token);
      else if (state.view === 'municipality') await renderMunicipality(token);
      else await renderCompany(token);
      if (token === renderToken) setStatus('');
    } catch (failure) {
      if (token !== renderToken) return;
      setStatus(failure.status === 404 && state.view !== 'municipality' && state.view !== 'company'
        ? t('unknownProgramme', state.programme) : t('failed', failure.message), true);
    }
  }

  function fillForm() {
    $('programme').value = state.programme || '';
    $('number').value = state.number || '';
    $('company').value = state.company || '';
    $('asOf').value = state.asOf || '';
    $('knownAt').value = state.knownAt ? state.knownAt.replace(/Z$/, '').slice(0, 19) : '';
    $('from').value = chartRange().from;
    $('to').value = chartRange().to;
    for (const id of ['declaration', 'agreement', 'region', 'q']) $(id).value = state[id] || '';
  }

  function chartRange() {
    const asOf = state.asOf || today();
    const from = state.from || asOf.slice(0, 4) + '-01-01';
    const next = new Date(asOf + 'T00:00:00Z');
    next.setUTCFullYear(next.getUTCFullYear() + 1);
    return { from, to: state.to || next.toISOString().slice(0, 10) };
  }

  // Programme: the cards, the curve, the first dates, the regions.
  async function renderProgramme(token) {
    const range = chartRange();
    const [coverage, timeline, participants] = await Promise.all([
      api('/api/programmes/' + encodeURIComponent(state.programme) + '/coverage', pointInTime()),
      api('/api/programmes/' + encodeURIComponent(state.programme) + '/coverage/timeline',
        { from: range.from, to: range.to, knownAt: state.knownAt }),
      api('/api/programmes/' + encodeURIComponent(state.programme) + '/participants', pointInTime())
    ]);
    if (token !== renderToken) return;
    $('programmeHeading').textContent = t('programmeHeading') + ': ' + programmeName(participants);
    renderCards(coverage);
    const extensions = [...new Set(participants.participants.map((row) => row.deadline)
      .filter((deadline) => deadline !== timeline.declarationDeadline))].sort();
    $('chart').replaceChildren(drawChart(timeline, extensions, range));
    $('chartCaption').textContent = t('caption', whole(coverage.scope.municipalities),
      extensions.length ? t('captionExtensions') : '');
    renderFirstMet(timeline);
    renderRegions(coverage);
    renderPoints(timeline);
    $('coverageCsv').href = apiUrl('/api/programmes/' + encodeURIComponent(state.programme) + '/coverage',
      Object.assign({ format: 'csv', delimiter: state.lang === 'nb' ? 'semicolon' : undefined }, pointInTime()));
  }

  function programmeName(participants) {
    return state.programme.charAt(0).toUpperCase() + state.programme.slice(1) + ', ' + date(participants.asOf);
  }

  function renderCards(coverage) {
    const cards = ['declarations', 'commitments', 'options'].map((count) => {
      const figures = coverage[count];
      const met = figures.thresholdMet;
      const thresholdText = count === 'options'
        ? t('optionsReach') + ' (' + percent(figures.threshold) + '): ' + (met ? t('met') : t('notMet'))
        : t('threshold') + ' ' + percent(figures.threshold) + ': ' + (met ? t('met') : t('notMet'));
      return element('div', { class: 'card ' + count, 'data-count': count },
        element('h3', { text: t(count) }),
        element('p', { class: 'share', text: percent(figures.share) }),
        element('p', { text: whole(figures.municipalities) + ' ' + t('municipalities') + ', '
          + whole(figures.population) + ' ' + t('ofPopulation').split(' ')[0] + ' ' + whole(coverage.scope.population) }),
        element('p', { class: met ? 'met' : 'unmet', text: thresholdText }));
    });
    $('cards').replaceChildren(...cards);
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(name, attributes, text) {
    const made = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes || {})) made.setAttribute(key, value);
    if (text !== undefined) made.textContent = text;
    return made;
  }

  // The curve as SVG: a step line for each count, threshold lines, the deadline and extensions, the asOf date.
  function drawChart(timeline, extensions, range) {
    const width = 900; const height = 360;
    const margin = { left: 52, right: 130, top: 20, bottom: 40 };
    const start = Date.parse(range.from + 'T00:00:00Z');
    const end = Date.parse(range.to + 'T00:00:00Z') + 86400000;
    const x = (iso) => margin.left + (Date.parse(iso + 'T00:00:00Z') - start) / (end - start)
      * (width - margin.left - margin.right);
    const y = (share) => margin.top + (1 - Number(share)) * (height - margin.top - margin.bottom);
    const root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-labelledby': 'chartTitle chartDesc' });
    root.append(svg('title', { id: 'chartTitle' }, t('chartTitle')), svg('desc', { id: 'chartDesc' }, t('chartDesc')));
    const axis = svg('g', { class: 'axis' });
    for (let tick = 0; tick <= 1.0001; tick += 0.25) {
      axis.append(svg('line', { class: 'grid', x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick) }));
      axis.append(svg('text', { x: margin.left - 8, y: y(tick) + 4, 'text-anchor': 'end' }, percent(tick).replace(/[.,]0/, '')));
    }
    for (const tick of monthTicks(range)) {
      axis.append(svg('line', { class: 'grid', x1: x(tick.iso), x2: x(tick.iso), y1: margin.top, y2: height - margin.bottom }));
      axis.append(svg('text', { x: x(tick.iso), y: height - margin.bottom + 18, 'text-anchor': 'middle' }, tick.label));
    }
    root.append(axis);

    const thresholds = [
      { share: timeline.thresholds.declaration, label: t('shortDeclaration') },
      { share: timeline.thresholds.commitment, label: t('shortCommitment') },
      { share: timeline.thresholds.procurement, label: t('shortProcurement') }];
    for (const threshold of thresholds) {
      root.append(svg('line', { class: 'threshold', x1: margin.left, x2: width - margin.right,
        y1: y(threshold.share), y2: y(threshold.share), 'data-threshold': threshold.share }));
      root.append(svg('text', { class: 'threshold-label', x: width - margin.right + 6, y: y(threshold.share) + 4 },
        percent(threshold.share).replace(/[.,]0/, '') + ' ' + threshold.label));
    }
    const marks = [{ iso: timeline.declarationDeadline, css: 'deadline', label: t('deadline') }]
      .concat(extensions.map((iso) => ({ iso, css: 'extension', label: t('extension') })));
    marks.forEach((mark, index) => {
      if (mark.iso < range.from || mark.iso > range.to) return;
      root.append(svg('line', { class: mark.css, x1: x(mark.iso), x2: x(mark.iso), y1: margin.top, y2: height - margin.bottom }));
      root.append(svg('text', { class: 'deadline-label', x: x(mark.iso) + 4, y: margin.top + 12 + 14 * index },
        mark.label + ' ' + date(mark.iso)));
    });
    if (state.asOf >= range.from && state.asOf <= range.to) {
      root.append(svg('line', { class: 'as-of', x1: x(state.asOf), x2: x(state.asOf), y1: margin.top, y2: height - margin.bottom }));
    }
    for (const count of ['options', 'commitments', 'declarations']) {
      let path = '';
      let previous = null;
      for (const point of timeline.points) {
        const px = x(point.date); const py = y(point[count].share);
        path += previous === null ? 'M' + px + ' ' + py : ' H' + px + ' V' + py;
        previous = py;
      }
      if (timeline.points.length) path += ' H' + (width - margin.right);
      root.append(svg('path', { class: 'series ' + count, d: path }));
    }
    const firstMet = timeline.thresholdsFirstMet;
    [['declaration', 'declarations'], ['commitment', 'commitments'], ['procurement', 'procurement']].forEach(([key, count]) => {
      const on = firstMet[key];
      if (!on) return;
      const point = timeline.points.find((candidate) => candidate.date === on);
      if (point) root.append(svg('circle', { class: 'met-dot', cx: x(on), cy: y(point[count].share), r: 5 }));
    });
    const legend = element('ul', { class: 'legend', 'aria-hidden': 'true' },
      ['declarations', 'commitments', 'options'].map((count) => element('li', {},
        element('span', { class: 'swatch', style: null, 'data-count': count }), t(count))));
    legend.querySelectorAll('.swatch').forEach((swatch) => swatch.classList.add('swatch-' + swatch.dataset.count));
    const wrapper = element('div', {});
    wrapper.append(legend, root);
    return wrapper;
  }

  function monthTicks(range) {
    const ticks = [];
    const start = new Date(range.from + 'T00:00:00Z');
    const end = new Date(range.to + 'T00:00:00Z');
    const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
    const step = months <= 14 ? 1 : months <= 36 ? 3 : 12;
    const cursor = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + (start.getUTCDate() > 1 ? 1 : 0), 1));
    while (cursor <= end) {
      if ((cursor.getUTCMonth() % step) === 0) {
        const iso = cursor.toISOString().slice(0, 10);
        const label = new Intl.DateTimeFormat(locale(), step === 12 ? { year: 'numeric', timeZone: 'UTC' }
          : { month: 'short', year: cursor.getUTCMonth() === 0 || ticks.length === 0 ? '2-digit' : undefined, timeZone: 'UTC' })
          .format(cursor);
        ticks.push({ iso, label });
      }
      cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    }
    return ticks;
  }

  function renderFirstMet(timeline) {
    const rows = [['declaration', 'thresholdDeclaration'], ['commitment', 'thresholdCommitment'],
      ['procurement', 'thresholdProcurement']].map(([key, label]) => {
      const on = timeline.thresholdsFirstMet[key];
      return element('li', { 'data-threshold': key },
        t(label, percent(timeline.thresholds[key]).replace(/[.,]0/, '')) + ': ',
        element('strong', { text: on ? date(on) : t('notMetInRange') }));
    });
    $('firstMet').replaceChildren(...rows);
  }

  function table(target, headers, rows) {
    const head = element('thead', {}, element('tr', {}, headers.map((header) =>
      element('th', { scope: 'col', class: header.number ? 'number' : null, text: header.label }))));
    const body = element('tbody', {}, rows.map((row) => element('tr', {}, row.map((cell, index) =>
      element('td', { class: headers[index].number ? 'number' : null }, cell)))));
    target.replaceChildren(head, body);
  }

  function renderRegions(coverage) {
    const headers = [{ label: t('healthRegion') }, { label: t('scope'), number: true },
      { label: t('population'), number: true }, { label: t('declarations'), number: true },
      { label: t('commitments'), number: true }, { label: t('options'), number: true }];
    const row = (name, figures) => [name, whole(figures.scope.municipalities), whole(figures.scope.population),
      percent(figures.declarations.share), percent(figures.commitments.share), percent(figures.options.share)];
    const rows = Object.entries(coverage.byRegion).map(([region, figures]) => row(t(region), figures));
    rows.push(row(t('ALL'), coverage));
    table($('regions'), headers, rows);
    $('regions').querySelector('tbody tr:last-child').classList.add('total');
  }

  function renderPoints(timeline) {
    table($('points'), [{ label: t('date') }, { label: t('scope'), number: true },
      { label: t('declarations'), number: true }, { label: t('commitments'), number: true },
      { label: t('options'), number: true }],
    timeline.points.map((point) => [date(point.date), whole(point.scope.municipalities),
      percent(point.declarations.share), percent(point.commitments.share), percent(point.options.share)]));
  }

  // Participants: filtered and sorted by the API, so the CSV link shows the same rows.
  const COLUMNS = [
    { field: 'number', label: 'number' }, { field: 'name', label: 'name' }, { field: 'county', label: 'county' },
    { field: 'healthRegion', label: 'healthRegion' }, { field: 'population', label: 'population', number: true },
    { field: 'declaration', label: 'declaration' }, { field: 'deadline', label: 'deadlineColumn' },
    { field: 'agreement', label: 'agreement' }, { field: 'viaOption', label: 'viaOption' }];

  function participantQuery() {
    return Object.assign(pointInTime(), { declaration: state.declaration, agreement: state.agreement,
      region: state.region, q: state.q, sort: state.sort });
  }

  async function renderParticipants(token) {
    const path = '/api/programmes/' + encodeURIComponent(state.programme) + '/participants';
    const answer = await api(path, participantQuery());
    if (token !== renderToken) return;
    $('participantCount').textContent = t('shown', whole(answer.count));
    $('participantsCsv').href = apiUrl(path, Object.assign({ format: 'csv',
      delimiter: state.lang === 'nb' ? 'semicolon' : undefined }, participantQuery()));
    const sort = state.sort || 'number';
    const sortField = sort.replace(/^-/, '');
    const head = element('thead', {}, element('tr', {}, COLUMNS.map((column) => {
      const sorted = column.field === sortField ? (sort.startsWith('-') ? 'descending' : 'ascending') : null;
      const button = element('button', { type: 'button', class: 'sort', 'data-sort': column.field, text: t(column.label) });
      button.addEventListener('click', () => update({ sort: sorted === 'ascending' ? '-' + column.field : column.field }, true));
      return element('th', { scope: 'col', class: column.number ? 'number' : null, 'aria-sort': sorted || 'none' }, button);
    })));
    const body = element('tbody', {}, answer.participants.map((row) => element('tr', { 'data-number': row.number },
      element('td', { text: row.number }),
      element('td', {}, element('a', { href: '?' + new URLSearchParams({ view: 'municipality', number: row.number,
        programme: state.programme, asOf: state.asOf, lang: state.lang }).toString(), 'data-number': row.number, text: row.name })),
      element('td', { text: row.county }), element('td', { text: t(row.healthRegion) }),
      element('td', { class: 'number', text: whole(row.population) }),
      element('td', {}, element('span', { class: 'badge ' + row.declaration, text: t(row.declaration) })),
      element('td', { class: 'date', text: date(row.deadline) }),
      element('td', {}, element('span', { class: 'badge ' + row.agreement, text: t(row.agreement) })),
      element('td', { text: row.viaOption ? t('yes') : t('no') }))));
    const caption = element('caption', { class: 'visually-hidden', text: t('participantsHeading') });
    $('participants').replaceChildren(caption, head, body);
  }

  // Municipality: its story, for auditors.
  async function renderMunicipality(token) {
    const authorization = sessionStorage.getItem(CREDENTIALS);
    $('signIn').hidden = !!authorization;
    $('signedIn').hidden = !authorization;
    if (authorization) {
      $('signedInAs').textContent = t('signedInAs') + ' ' + atob(authorization.replace(/^Basic /, '')).split(':')[0] + '. ';
    }
    $('signInMessage').textContent = t('needsAuditor');
    if (!state.number) {
      $('story').replaceChildren(element('p', { text: t('chooseMunicipality') }));
      return;
    }
    let name = state.number;
    try {
      const participant = await api('/api/programmes/' + encodeURIComponent(state.programme) + '/participants/'
        + encodeURIComponent(state.number), pointInTime());
      name = participant.name + ' (' + state.number + ')';
    } catch (notInScope) { /* the number alone will do */ }
    if (token !== renderToken) return;
    $('municipalityHeading').textContent = t('municipalityHeading') + ': ' + name;
    if (!authorization) {
      $('story').replaceChildren();
      return;
    }
    let history;
    try {
      history = await api('/api/municipalities/' + encodeURIComponent(state.number) + '/history', pointInTime(), true);
    } catch (refused) {
      if (refused.status === 401 || refused.status === 403) {
        if (refused.status === 401) sessionStorage.removeItem(CREDENTIALS);
        $('signIn').hidden = false;
        $('signedIn').hidden = refused.status === 401;
        $('signInMessage').textContent = refused.status === 401 ? t('wrongCredentials') : t('notAuditor');
        $('story').replaceChildren();
        return;
      }
      throw refused;
    }
    if (token !== renderToken) return;
    renderStory(history);
  }

  function renderStory(history) {
    const events = history.events.slice();
    if (!events.length) {
      $('story').replaceChildren(element('p', { text: t('noEvents') }));
      return;
    }
    const byId = new Map(events.map((event) => [event.eventId, event]));
    events.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.recordedAt.localeCompare(b.recordedAt));
    const csv = element('p', {}, element('a', { class: 'download', href: apiUrl('/api/municipalities/'
      + encodeURIComponent(state.number) + '/history', Object.assign({ format: 'csv' }, pointInTime())),
    text: t('downloadCsv') }));
    csv.querySelector('a').addEventListener('click', downloadWithCredentials);
    const list = element('ol', { class: 'story' }, events.map((event) => {
      const payload = event.payload || {};
      const retraction = event.retractedBy ? byId.get(event.retractedBy) : null;
      const isRetraction = !!payload.retractedEventId;
      const details = element('dl', {});
      const detail = (label, value) => { if (value) details.append(element('dt', { text: label }), element('dd', {}, value)); };
      detail(t('source'), payload.decisionReference || payload.reference || null);
      detail(t('recordedAt'), instant(event.recordedAt) + ' ' + t('recordedBy') + ' ' + (event.recordedBy || '?'));
      detail(t('reason'), payload.reason || null);
      if (isRetraction) {
        const mended = byId.get(payload.retractedEventId);
        detail(t('retracts'), mended ? typeName(mended.type) + ', ' + date(mended.effectiveDate) : payload.retractedEventId);
      }
      detail(t('eventId'), element('code', { text: event.eventId }));
      const item = element('li', { class: (event.retractedBy ? 'retracted ' : '') + (isRetraction ? 'retraction' : ''),
        'data-event': event.eventId, 'data-type': event.type },
      element('div', {}, element('span', { class: 'when-effective', text: date(event.effectiveDate) }), ' · ',
        element('span', { class: 'type decision-title', text: typeName(event.type) }), summary(event)),
      details);
      if (event.retractedBy) {
        item.append(element('p', { class: 'mended', 'data-retracted-by': event.retractedBy,
          text: t('retractedNote', instant(event.retractedAt), retraction && retraction.payload ? retraction.payload.reason : '?') }));
      }
      return item;
    }));
    $('story').replaceChildren(csv, list);
  }

  function summary(event) {
    const payload = event.payload || {};
    const parts = [];
    if (payload.programmeId) parts.push(payload.programmeId);
    if (payload.companyId) parts.push(payload.companyId);
    if (payload.newDeadline) parts.push(t('deadline') + ' ' + date(payload.newDeadline));
    if (payload.population) parts.push(whole(payload.population) + ' ' + t('population').toLowerCase());
    if (payload.shares) parts.push(whole(payload.shares) + ' ' + t('shares').toLowerCase());
    if (payload.signatory) parts.push(payload.signatory);
    return parts.length ? ' (' + parts.join(', ') + ')' : '';
  }

  function typeName(type) {
    return (TEXT[state.lang].types || {})[type] || type;
  }

  // A download that needs the auditor's credentials: fetched with them, then saved from memory.
  async function downloadWithCredentials(click) {
    click.preventDefault();
    const link = click.currentTarget;
    const response = await fetch(link.href, { headers: { Authorization: sessionStorage.getItem(CREDENTIALS) || '' } });
    if (!response.ok) { setStatus(t('failed', response.status), true); return; }
    const file = URL.createObjectURL(await response.blob());
    const save = element('a', { href: file, download: 'history-' + state.number + '.csv' });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(file), 1000);
  }

  // Company: its owners and whether municipalities hold the majority.
  async function renderCompany(token) {
    const ownership = await api('/api/companies/' + encodeURIComponent(state.company) + '/ownership', pointInTime());
    if (token !== renderToken) return;
    $('companyHeading').textContent = t('companyHeading') + ': ' + ownership.name;
    const parts = [element('p', { text: ownership.name + ', ' + t('founded') + ' ' + date(ownership.foundedOn) })];
    if (!ownership.owners.length) {
      parts.push(element('p', { text: t('noOwners') }));
      $('ownership').replaceChildren(...parts);
      return;
    }
    const municipal = ownership.totals.MUNICIPALITY ? ownership.totals.MUNICIPALITY.share : 0;
    parts.push(element('p', { class: 'majority', 'data-majority': String(ownership.municipalMajority),
      text: t(ownership.municipalMajority ? 'majorityYes' : 'majorityNo', percent(municipal)) }));
    const bar = element('div', { class: 'bar', role: 'img', 'aria-label': Object.entries(ownership.totals)
      .map(([kind, total]) => t(kind) + ' ' + percent(total.share)).join(', ') });
    for (const [kind, total] of Object.entries(ownership.totals)) {
      const piece = element('span', { class: 'kind-' + kind, title: t(kind) + ' ' + percent(total.share) });
      piece.style.width = (Number(total.share) * 100) + '%';
      bar.append(piece);
    }
    parts.push(bar, element('ul', { class: 'legend', 'aria-hidden': 'true' }, Object.entries(ownership.totals)
      .filter(([, total]) => total.shares > 0)
      .map(([kind, total]) => element('li', {}, element('span', { class: 'swatch kind-' + kind }),
        t(kind) + ' ' + percent(total.share)))));
    const owners = element('table', {});
    table(owners, [{ label: t('owner') }, { label: t('kind') }, { label: t('shares'), number: true },
      { label: t('share'), number: true }], ownership.owners.map((owner) => [owner.owner, t(owner.kind),
      whole(owner.shares), percent(owner.share)]));
    const totals = element('table', {});
    table(totals, [{ label: t('kind') }, { label: t('shares'), number: true }, { label: t('share'), number: true }],
      Object.entries(ownership.totals).map(([kind, total]) => [t(kind), whole(total.shares), percent(total.share)]));
    parts.push(element('div', { class: 'table-wrap' }, owners), element('h3', { text: t('totals') }),
      element('div', { class: 'table-wrap' }, totals),
      element('p', {}, element('a', { class: 'download', href: apiUrl('/api/companies/' + encodeURIComponent(state.company)
        + '/ownership', Object.assign({ format: 'csv' }, pointInTime())), text: t('downloadCsv') })));
    $('ownership').replaceChildren(...parts);
  }

  // ---- wiring ----
  function wire() {
    $('when').addEventListener('submit', (submit) => {
      submit.preventDefault();
      const knownAt = $('knownAt').value;
      update({ programme: $('programme').value.trim(), number: $('number').value.trim(),
        company: $('company').value.trim(), asOf: $('asOf').value,
        knownAt: knownAt ? new Date(knownAt + (knownAt.length === 16 ? ':00' : '') + 'Z').toISOString() : '' });
    });
    $('asOf').addEventListener('change', () => { if ($('asOf').value) update({ asOf: $('asOf').value }, true); });
    $('knownNow').addEventListener('click', () => update({ knownAt: '' }, true));
    for (const id of ['from', 'to']) {
      $(id).addEventListener('change', () => update({ [id]: $(id).value }, true));
    }
    for (const id of ['declaration', 'agreement', 'region']) {
      $(id).addEventListener('change', () => update({ [id]: $(id).value }, true));
    }
    let typing;
    $('q').addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => update({ q: $('q').value.trim() }, true), 250);
    });
    $('filters').addEventListener('submit', (submit) => submit.preventDefault());
    $('language').addEventListener('click', () => update({ lang: state.lang === 'en' ? 'nb' : 'en' }, true));
    document.querySelectorAll('.views a').forEach((link) => link.addEventListener('click', (click) => {
      click.preventDefault();
      update({ view: link.dataset.view });
      $('main').focus();
    }));
    document.addEventListener('click', (click) => {
      const link = click.target.closest('a[data-number]');
      if (!link) return;
      click.preventDefault();
      update({ view: 'municipality', number: link.dataset.number });
    });
    $('signInForm').addEventListener('submit', (submit) => {
      submit.preventDefault();
      const encoded = btoa(String.fromCharCode(...new TextEncoder().encode($('user').value + ':' + $('password').value)));
      sessionStorage.setItem(CREDENTIALS, 'Basic ' + encoded);
      $('password').value = '';
      render();
    });
    $('signOut').addEventListener('click', () => { sessionStorage.removeItem(CREDENTIALS); render(); });
    window.addEventListener('popstate', () => { state = readState(); render(); });
  }

  document.addEventListener('DOMContentLoaded', () => {
    state = readState();
    writeState(true);
    wire();
    render();
  });
})();
