// The interventions set-up of the browser test page: the official browser tracker with the official Signals plugin,
// sending events to and subscribing to interventions from the Signalbox named in the page's data-signalbox
// attribute. Every intervention the handler receives is kept in window.signalboxInterventions.
import { newTracker, setCustomUrl, trackPageView } from '@snowplow/browser-tracker';
import {
  SignalsPlugin,
  addInterventionHandlers,
  subscribeToInterventions,
} from '@snowplow/signals-browser-plugin';

const signalbox = document.documentElement.dataset.signalbox;

const tracker = newTracker('sp', signalbox, {
  appId: 'signals-browser-test',
  platform: 'web',
  eventMethod: 'post',
  bufferSize: 1,
  plugins: [SignalsPlugin()],
});

window.signalboxInterventions = [];
addInterventionHandlers({
  record(intervention) {
    window.signalboxInterventions.push({ receivedAt: Date.now(), intervention: structuredClone(intervention) });
  },
});
// The plugin puts https:// before an endpoint without "//", so the scheme is given.
subscribeToInterventions({ endpoint: signalbox });

/** Tracks a page view of a path of this site, as a visitor moving through it would. */
window.signalboxView = (path) => {
  setCustomUrl(new URL(path, window.location.href).href);
  trackPageView({ title: path });
};

/** The ids the tracker gives this browser: the plugin subscribes with them. */
window.signalboxIds = () => ({
  domainUserId: tracker.getDomainUserId(),
  domainSessionId: tracker.getDomainUserInfo()[6],
});

// A page opened with ?view=/path tracks a view of that path as it loads, as every page of a real site does.
const viewOnLoad = new URLSearchParams(window.location.search).get('view');
if (viewOnLoad) {
  window.signalboxView(viewOnLoad);
}

window.signalboxReady = true;
