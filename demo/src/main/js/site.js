// The demo marketing site's behaviour: Snowplow tracking, live scoring in the console every few seconds, and
// personalised engagement driven by the score and by interventions pushed from the Signals-compatible API.
import {
  newTracker,
  trackPageView,
  enableActivityTracking,
  trackSelfDescribingEvent,
} from '@snowplow/browser-tracker';
import { LinkClickTrackingPlugin, enableLinkClickTracking } from '@snowplow/browser-plugin-link-click-tracking';
import { FormTrackingPlugin, enableFormTracking } from '@snowplow/browser-plugin-form-tracking';
import {
  SnowplowMediaPlugin,
  startMediaTracking,
  trackMediaPlay,
  trackMediaPause,
  trackMediaEnd,
  updateMediaTracking,
} from '@snowplow/browser-plugin-media';
import { SignalsPlugin, subscribeToInterventions, addInterventionHandlers } from '@snowplow/signals-browser-plugin';

const config = Object.assign(
  { collector: window.location.origin, pollSeconds: 10, warmShare: 0.5, appId: 'website' },
  window.SIGNALBOX || {},
  window.SIGNALBOX_OVERRIDES || {},
);
const ENGAGEMENT_SCHEMA = 'iglu:io.signalbox/engagement/jsonschema/1-0-0';

const tracker = newTracker('sp', config.collector, {
  appId: config.appId,
  platform: 'web',
  cookieSameSite: 'Lax',
  eventMethod: 'post',
  bufferSize: 1,
  contexts: { webPage: true, session: true },
  plugins: [LinkClickTrackingPlugin(), FormTrackingPlugin(), SnowplowMediaPlugin(), SignalsPlugin()],
});

enableActivityTracking({ minimumVisitLength: 10, heartbeatDelay: 10 });
enableLinkClickTracking({ pseudoClicks: true });
enableFormTracking();
trackPageView();
markActiveSection();

// The plugin reads domain_userid and domain_sessionid from the tracked events and subscribes for both.
subscribeToInterventions({ endpoint: config.collector });
addInterventionHandlers({
  signalbox: (intervention) => {
    console.log('Intervention received:', intervention.name, intervention.attributes);
    showEngagement('expert_offer', 'intervention', null, intervention.name);
  },
});

setupTour();
startScoring();

function domainUserId() {
  return tracker && tracker.getDomainUserId ? tracker.getDomainUserId() : undefined;
}

function startScoring() {
  const poll = async () => {
    const duid = domainUserId();
    if (!duid) {
      return;
    }
    try {
      const response = await fetch('/predict', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ domain_userid: duid }),
      });
      if (!response.ok) {
        console.log('Prediction unavailable:', response.status, await response.text());
        return;
      }
      const prediction = await response.json();
      console.log('Attributes:', JSON.stringify(prediction.signals));
      console.log(`Prediction: ${duid} - ${prediction.score.toFixed(4)}`);
      window.signalboxLastPrediction = prediction;
      if (prediction.decision) {
        console.log('Prospect is likely to convert!');
        showEngagement('expert_offer', 'score', prediction.score);
      } else if (prediction.score >= config.warmShare * prediction.threshold) {
        // A warming prospect: past a share of the model's threshold, not yet at it.
        showEngagement('case_study_suggestion', 'score', prediction.score);
      }
    } catch (error) {
      console.log('Prediction failed:', String(error));
    }
  };
  setTimeout(poll, 1000);
  setInterval(poll, config.pollSeconds * 1000);
}

const ENGAGEMENTS = {
  case_study_suggestion: {
    title: 'Teams like yours',
    text: 'See how Globex doubled demo requests by acting on live intent.',
    cta: 'Read the case study',
    href: '/customers/globex',
  },
  expert_offer: {
    title: 'Talk to an expert now',
    text: 'An engineer is available to walk you through Signalbox on your use case — it takes a minute to book.',
    cta: 'Book my demo',
    href: '/demo',
  },
};

/** Shows an engagement once per page (an expert offer replaces a suggestion) and tracks what the visitor does. */
function showEngagement(kind, trigger, score, interventionName) {
  const box = document.getElementById('engagement');
  if (!box || box.dataset.kind === kind || box.dataset.kind === 'expert_offer' || window.location.pathname === '/demo') {
    return;
  }
  const engagement = ENGAGEMENTS[kind];
  box.dataset.kind = kind;
  box.innerHTML = '';
  const close = element('button', 'close', '×');
  close.setAttribute('aria-label', 'Dismiss');
  const link = element('a', 'button primary', engagement.cta);
  link.href = engagement.href;
  link.id = 'engagement-cta';
  box.append(close, element('h4', '', engagement.title), element('p', '', engagement.text), link);
  box.hidden = false;
  const data = { kind, trigger, score: score == null ? null : Math.round(score * 1000) / 1000, interventionName: interventionName || null };
  track({ ...data, action: 'shown' });
  link.addEventListener('click', () => track({ ...data, action: 'clicked' }));
  close.addEventListener('click', () => {
    box.hidden = true;
    track({ ...data, action: 'dismissed' });
  });
  console.log(`Engagement shown: ${kind}`);
}

function track(data) {
  trackSelfDescribingEvent({ event: { schema: ENGAGEMENT_SCHEMA, data } });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  node.textContent = text;
  return node;
}

function markActiveSection() {
  const section = document.body.dataset.section;
  document.querySelectorAll('nav a[data-nav]').forEach((link) => {
    if (link.dataset.nav === section) {
      link.classList.add('active');
    }
  });
}

/** The product tour: a scripted player tracked with the media plugin (play, progress, pause, end). */
function setupTour() {
  const player = document.getElementById('tour-player');
  if (!player) {
    return;
  }
  const duration = Number(player.dataset.duration);
  const button = document.getElementById('tour-play');
  const bar = document.getElementById('tour-progress');
  const time = document.getElementById('tour-time');
  const caption = document.getElementById('tour-caption');
  const captions = ['A visitor arrives from a campaign…', 'Events are enriched and logged…',
    'Attributes update within milliseconds…', 'The model scores the visit…', 'The site offers a conversation.'];
  const id = 'product-tour';
  let position = 0;
  let timer = null;
  startMediaTracking({
    id,
    session: false,
    pings: false,
    boundaries: [25, 50, 75],
    player: { duration, label: 'Product tour', mediaType: 'video', playerType: 'signalbox-tour', currentTime: 0, paused: true, ended: false },
  });
  const render = () => {
    bar.style.width = `${(100 * position) / duration}%`;
    time.textContent = `${clock(position)} / ${clock(duration)}`;
    caption.textContent = captions[Math.min(captions.length - 1, Math.floor((position / duration) * captions.length))];
  };
  button.addEventListener('click', () => {
    if (timer) {
      clearInterval(timer);
      timer = null;
      button.textContent = '▶ Play';
      trackMediaPause({ id, player: { currentTime: position, paused: true } });
      return;
    }
    button.textContent = '❚❚ Pause';
    trackMediaPlay({ id, player: { currentTime: position, paused: false } });
    timer = setInterval(() => {
      position = Math.min(duration, position + 1);
      updateMediaTracking({ id, player: { currentTime: position, paused: false } });
      render();
      if (position >= duration) {
        clearInterval(timer);
        timer = null;
        button.textContent = '▶ Replay';
        trackMediaEnd({ id, player: { currentTime: position, paused: true, ended: true } });
        position = 0;
      }
    }, 1000 / (config.tourSpeed || 1));
  });
  render();
}

function clock(seconds) {
  return `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}
