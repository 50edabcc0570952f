// Browser notifications of raised alarms: which ones the user chose, and the limits a flapping
// sensor cannot get past. The pure parts are exported for node's test runner (src/test/web).

/** Whether the user's choice (GET /notifications/choice) wants a notice (relayed alarm-notice). */
export function wanted(choice, notice) {
  if (!choice || !choice.browser) return false;
  if (choice.kinds.length > 0 && !choice.kinds.includes(notice.kind)) return false;
  // a gateway's alarm has no plot: it reaches only users who chose every plot
  if (choice.plots.length > 0 && !choice.plots.includes(notice.plot)) return false;
  return true;
}

/** The limits a choice keeps to: ingest's max per window, and this web's per minute. */
export function limits(choice) {
  const out = [];
  if (choice.max > 0 && choice.windowSeconds > 0) out.push({ max: choice.max, windowMs: choice.windowSeconds * 1000 });
  if (choice.perMinute > 0) out.push({ max: choice.perMinute, windowMs: 60_000 });
  return out;
}

/**
 * Whether one more notice fits in every limit, given the times (epoch ms) of those already shown;
 * returns the times still inside the longest window, with now added when it fits.
 */
export function admit(times, now, rules) {
  const longest = Math.max(0, ...rules.map((r) => r.windowMs));
  const kept = times.filter((t) => t > now - longest && t <= now);
  const fits = rules.every((r) => kept.filter((t) => t > now - r.windowMs).length < r.max);
  return { fits, times: fits ? [...kept, now] : kept };
}

const KEY = 'dx-alarm-notices';
const REMEMBERED = 200;

// what this browser showed (ids, times), shared by its tabs: one notice per alarm, one count
function load() {
  try {
    const s = JSON.parse(localStorage.getItem(KEY));
    if (s && Array.isArray(s.ids) && Array.isArray(s.times)) return s;
  } catch (unreadable) {
    // start again
  }
  return { ids: [], times: [] };
}

function save(state) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ids: state.ids.slice(-REMEMBERED), times: state.times }));
  } catch (full) {
    // private mode or full: the limit then holds for this page only
  }
}

/** Shows a notice if the browser allows it, the user chose it and the limits let it through. */
export async function notify(notice) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  let choice;
  try {
    const answer = await fetch('/notifications/choice', { headers: { Accept: 'application/json' } });
    if (!answer.ok) return;
    choice = await answer.json();
  } catch (unavailable) {
    return;
  }
  if (!wanted(choice, notice)) return;
  const state = load();
  if (state.ids.includes(notice.id)) return;
  const verdict = admit(state.times, Date.now(), limits(choice));
  if (!verdict.fits) return;
  save({ ids: [...state.ids, notice.id], times: verdict.times });
  const shown = new Notification(notice.title, { body: notice.body, tag: `dx-alarm-${notice.id}` });
  shown.addEventListener('click', () => {
    window.focus();
    window.location.assign(notice.url);
  });
}

/** The notifications page's button: asks the browser's permission (from the click) and says the answer. */
export function permissionButton() {
  const status = document.getElementById('browser-permission');
  const button = document.getElementById('allow-notifications');
  if (!status || !button) return;
  const show = () => {
    if (!('Notification' in window)) {
      status.textContent = status.dataset.unsupported;
      button.hidden = true;
      return;
    }
    const p = Notification.permission;
    status.textContent = p === 'granted' ? status.dataset.granted : p === 'denied' ? status.dataset.denied : status.dataset.default;
    status.dataset.permission = p;
    button.hidden = p !== 'default';
  };
  button.addEventListener('click', () => {
    Notification.requestPermission().then(show, show);
  });
  show();
}
