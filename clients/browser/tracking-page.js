// The tracking set-up of the browser test page: the official browser tracker with activity tracking and the
// link-click and form-tracking plugins, sending to the collector named in the page's data-collector attribute.
import { newTracker, trackPageView, enableActivityTracking } from '@snowplow/browser-tracker';
import { LinkClickTrackingPlugin, enableLinkClickTracking } from '@snowplow/browser-plugin-link-click-tracking';
import { FormTrackingPlugin, enableFormTracking } from '@snowplow/browser-plugin-form-tracking';

const collector = document.documentElement.dataset.collector;

newTracker('sp', collector, {
  appId: 'browser-test',
  platform: 'web',
  plugins: [LinkClickTrackingPlugin(), FormTrackingPlugin()],
  contexts: { webPage: true, session: true },
});
enableActivityTracking({ minimumVisitLength: 1, heartbeatDelay: 1 });
enableLinkClickTracking();
enableFormTracking();
trackPageView({ title: 'Browser test page' });
window.signalboxTrackingReady = true;
