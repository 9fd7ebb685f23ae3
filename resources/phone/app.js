// The phone page of "Contributions du public": see docs/phone-contributions.md for the server's side.
// Everything shown from the server goes through textContent: titles are typed by the public.
"use strict";

const STRINGS = {
  fr: {
    loading: "Chargement…",
    hint: "Touchez la carte à l'endroit de votre enjeu",
    zoomIn: "Agrandir la carte",
    zoomOut: "Réduire la carte",
    mapAlt: "Carte de l'atelier",
    mapRegion: "Carte : touchez-la, ou appuyez sur Entrée, pour placer un enjeu",
    newStake: "Nouvel enjeu à cet endroit",
    moderatedNote: "L'animateur valide les contributions avant de les afficher.",
    theme: "Thème",
    reading: "Lecture",
    noReading: "Sans avis",
    title: "Titre",
    comment: "Commentaire",
    required: "(obligatoire)",
    optional: "(facultatif)",
    addPhoto: "Ajouter une photo",
    changePhoto: "Changer de photo",
    removePhoto: "Retirer la photo",
    photoAlt: "Aperçu de la photo",
    preparingPhoto: "Préparation de la photo…",
    photoUnreadable: "Cette photo ne peut pas être lue. Essayez-en une autre.",
    photoTooLarge: "Cette photo est trop lourde, même réduite.",
    cancel: "Annuler",
    send: "Envoyer",
    sending: "Envoi…",
    chooseTheme: "Choisissez un thème.",
    giveTitle: "Donnez un titre à votre enjeu.",
    thanks: "Merci ! Votre contribution est sur la carte.",
    thanksPending: "Merci ! Votre contribution s'affichera après validation.",
    stakeMarker: "Enjeu : {title}",
    votes: "{for} pour · {against} contre",
    voteFor: "Pour",
    voteAgainst: "Contre",
    votedFor: "Vous avez voté pour.",
    votedAgainst: "Vous avez voté contre.",
    voteThanks: "Merci, votre vote est compté.",
    close: "Fermer",
    offline: "Connexion perdue avec l'atelier, nouvel essai…",
    errors: {
      bad_request: "La demande n'a pas été comprise. Rechargez la page.",
      invalid_field: "Vérifiez le champ « {field} ».",
      outside_extent: "Ce point est hors du territoire de l'atelier. Touchez la carte ailleurs.",
      forbidden: "Ce lien n'est plus valable : l'atelier est peut-être terminé. Scannez à nouveau le QR code.",
      not_found: "Cet enjeu n'est plus sur la carte.",
      method_not_allowed: "La demande n'a pas été comprise. Rechargez la page.",
      already_voted: "Vous avez déjà voté sur cet enjeu.",
      unknown_phone: "Ce téléphone n'est plus reconnu par l'atelier. Rechargez la page.",
      length_required: "La demande n'a pas été comprise. Rechargez la page.",
      too_large: "C'est trop lourd à envoyer : retirez ou changez la photo.",
      rate_limited: "Trop de demandes d'un coup. Réessayez dans un instant.",
      server_error: "L'atelier a rencontré un problème. Réessayez.",
      unavailable: "L'atelier ne peut pas enregistrer pour l'instant ; rien n'a été enregistré. Réessayez.",
      network: "L'atelier ne répond pas. Vérifiez le Wi-Fi et réessayez.",
      unknown: "Quelque chose s'est mal passé. Réessayez.",
    },
    fields: { x: "position", y: "position", theme: "Thème", reading: "Lecture", title: "Titre", comment: "Commentaire", photo: "Photo" },
  },
  en: {
    loading: "Loading…",
    hint: "Tap the map where your issue is",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    mapAlt: "Map of the workshop",
    mapRegion: "Map: tap it, or press Enter, to place an issue",
    newStake: "New issue here",
    moderatedNote: "The facilitator approves contributions before they show.",
    theme: "Theme",
    reading: "Reading",
    noReading: "No opinion",
    title: "Title",
    comment: "Comment",
    required: "(required)",
    optional: "(optional)",
    addPhoto: "Add a photo",
    changePhoto: "Change the photo",
    removePhoto: "Remove the photo",
    photoAlt: "Preview of the photo",
    preparingPhoto: "Preparing the photo…",
    photoUnreadable: "This photo cannot be read. Try another one.",
    photoTooLarge: "This photo is too heavy, even shrunk.",
    cancel: "Cancel",
    send: "Send",
    sending: "Sending…",
    chooseTheme: "Choose a theme.",
    giveTitle: "Give your issue a title.",
    thanks: "Thank you! Your contribution is on the map.",
    thanksPending: "Thank you! Your contribution will show once approved.",
    stakeMarker: "Issue: {title}",
    votes: "{for} for · {against} against",
    voteFor: "For",
    voteAgainst: "Against",
    votedFor: "You voted for.",
    votedAgainst: "You voted against.",
    voteThanks: "Thank you, your vote counts.",
    close: "Close",
    offline: "Lost the connection to the workshop, trying again…",
    errors: {
      bad_request: "The request was not understood. Reload the page.",
      invalid_field: "Check the field “{field}”.",
      outside_extent: "This point is outside the workshop's area. Tap the map elsewhere.",
      forbidden: "This link no longer works: the workshop may be over. Scan the QR code again.",
      not_found: "This issue is no longer on the map.",
      method_not_allowed: "The request was not understood. Reload the page.",
      already_voted: "You have already voted on this issue.",
      unknown_phone: "The workshop no longer knows this phone. Reload the page.",
      length_required: "The request was not understood. Reload the page.",
      too_large: "This is too heavy to send: remove or change the photo.",
      rate_limited: "Too many requests at once. Try again in a moment.",
      server_error: "The workshop ran into a problem. Try again.",
      unavailable: "The workshop cannot save right now; nothing was saved. Try again.",
      network: "The workshop does not answer. Check the Wi-Fi and try again.",
      unknown: "Something went wrong. Try again.",
    },
    fields: { x: "position", y: "position", theme: "Theme", reading: "Reading", title: "Title", comment: "Comment", photo: "Photo" },
  },
};

const LANGUAGE = (navigator.language || "").toLowerCase().startsWith("fr") ? "fr" : "en";
const TEXT = STRINGS[LANGUAGE];
const POLL_MS = 3000;
const ZOOM_LEVELS = [1, 1.6, 2.5];
const PHOTO_LONG_SIDE = 1600;
const PHOTO_QUALITIES = [0.8, 0.6, 0.45];

const $ = (id) => document.getElementById(id);

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

function label(term) {
  return (LANGUAGE === "fr" ? term.label_fr : term.label_en) || term.label_fr || term.code;
}

// -- the phone's identity ---------------------------------------------------------------

// The server issues it (api/phone) and signs it: a phone cannot make one up. It is kept so
// that a reloaded page still knows this phone's votes; private browsing may refuse storage.
const IDENTITY_KEY = "phone-id";

function keptIdentity() {
  try {
    return localStorage.getItem(IDENTITY_KEY) || "";
  } catch {
    return "";
  }
}

let identity = keptIdentity();

// Given back to the server, which keeps it if it issued it, or issues a new one (after its
// restart, or for a new phone). Resolves to the answer, {status, data}.
async function identify() {
  const answer = await api("api/phone", identity ? { phone: identity } : {});
  if (answer.status === 200) {
    identity = answer.data.phone;
    try {
      localStorage.setItem(IDENTITY_KEY, identity);
    } catch {
      // Kept for as long as the page stays open.
    }
  }
  return answer;
}

// -- talking to the server ---------------------------------------------------------------

// Resolves to {status, data}; data is the JSON answer, or {error: "network"} when nothing came back.
// An identity the server no longer knows is replaced once, and the request sent again.
async function api(path, body) {
  const answer = await fetchJson(path, body);
  if (answer.data.error !== "unknown_phone" || path === "api/phone") return answer;
  const renewed = await identify();
  return renewed.status === 200 ? fetchJson(path, body) : answer;
}

async function fetchJson(path, body) {
  const request = { headers: identity ? { "X-Phone": identity } : {}, cache: "no-store" };
  if (body !== undefined) {
    request.method = "POST";
    request.headers["Content-Type"] = "application/json";
    request.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, request);
  } catch {
    return { status: 0, data: { error: "network" } };
  }
  let data;
  try {
    data = await response.json();
  } catch {
    data = {};
  }
  if (!response.ok && typeof data.error !== "string") {
    data = { error: response.status >= 500 ? "server_error" : "unknown" };
  }
  return { status: response.status, data };
}

function errorMessage(data) {
  const template = TEXT.errors[data.error] || TEXT.errors.unknown;
  return say(template, { field: TEXT.fields[data.field] || data.field || "?" });
}

// -- state -----------------------------------------------------------------------------

const state = {
  view: null, // the last api/view answer
  shownMap: null, // the map of the picture on screen: its version and extent
  stakes: new Map(), // uuid → stake, as the last poll gave them
  markers: new Map(), // uuid → marker button
  zoomIndex: 0,
  baseScale: 1, // CSS pixels per picture pixel at the first zoom level
  fittedWidth: 0, // the window width the scale was fitted to
  tapped: null, // {x, y} in the atelier's CRS, where the new stake goes
  photo: null, // base64 JPEG, without the data: prefix
  votingOn: null, // uuid of the stake in the vote sheet
  opener: null, // what had the focus when a sheet opened
  polling: null,
  stopped: false,
};

// -- text of the page ------------------------------------------------------------------

function translatePage() {
  document.documentElement.lang = LANGUAGE;
  for (const element of document.querySelectorAll("[data-text]")) {
    element.textContent = TEXT[element.dataset.text];
  }
  for (const element of document.querySelectorAll("[data-label]")) {
    element.setAttribute("aria-label", TEXT[element.dataset.label]);
  }
  $("map-picture").alt = TEXT.mapAlt;
  $("photo-thumbnail").alt = TEXT.photoAlt;
}

let toastTimer = null;

// The live regions stay in the page, empty when silent: a region that appears with its text
// is not always read out by screen readers.
function toast(message, lasting = false) {
  $("toast").textContent = message;
  clearTimeout(toastTimer);
  if (!lasting) toastTimer = setTimeout(() => clearToast(message), 6000);
}

function clearToast(message) {
  if ($("toast").textContent === message) $("toast").textContent = "";
}

// -- the map ---------------------------------------------------------------------------

function applyView(view) {
  state.view = view;
  $("atelier-name").textContent = view.atelier || "";
  $("session-name").textContent = view.session || view.atelier || "";
  document.title = view.session || view.atelier || document.title;
  $("moderation-note").hidden = !view.moderated;
  $("stake-title").maxLength = view.limits.title;
  $("stake-comment").maxLength = view.limits.comment;
  fillChoices($("theme-choices"), "theme", view.themes, false);
  fillChoices($("reading-choices"), "reading", view.readings, true);
  loadMapPicture(view.map);
}

function loadMapPicture(map) {
  const picture = $("map-picture");
  picture.onload = () => {
    const first = !state.shownMap;
    state.shownMap = map;
    $("map").hidden = false;
    $("zoom").hidden = false;
    if (first) fitMap();
    sizeMap();
    if (first) centreMapOn(0.5, 0.5);
    placeMarkers();
    placePin();
  };
  picture.onerror = () => {
    // Tried again at the next poll, which compares this version with the server's.
    state.view.map = { ...map, version: null };
    toast(TEXT.offline, true);
  };
  picture.src = "api/map.png?v=" + encodeURIComponent(map.version);
}

// The picture fills the height of the map area and scrolls sideways: a finger then covers
// a small piece of land, and a tap lands where it is meant.
function fitMap() {
  const map = state.shownMap;
  const frame = $("map-scroll");
  state.baseScale = Math.max(frame.clientHeight / map.height, frame.clientWidth / map.width);
  state.fittedWidth = window.innerWidth;
}

function sizeMap() {
  const map = state.shownMap;
  const scale = state.baseScale * ZOOM_LEVELS[state.zoomIndex];
  const element = $("map");
  element.style.width = Math.round(map.width * scale) + "px";
  element.style.height = Math.round(map.height * scale) + "px";
  $("zoom-in").disabled = state.zoomIndex === ZOOM_LEVELS.length - 1;
  $("zoom-out").disabled = state.zoomIndex === 0;
}

function centreMapOn(fractionX, fractionY) {
  const frame = $("map-scroll");
  const element = $("map");
  frame.scrollLeft = fractionX * element.offsetWidth - frame.clientWidth / 2;
  frame.scrollTop = fractionY * element.offsetHeight - frame.clientHeight / 2;
}

function zoom(step) {
  const next = Math.min(Math.max(state.zoomIndex + step, 0), ZOOM_LEVELS.length - 1);
  if (next === state.zoomIndex || !state.shownMap) return;
  const frame = $("map-scroll");
  const element = $("map");
  const centreX = (frame.scrollLeft + frame.clientWidth / 2) / element.offsetWidth;
  const centreY = (frame.scrollTop + frame.clientHeight / 2) / element.offsetHeight;
  state.zoomIndex = next;
  sizeMap();
  centreMapOn(centreX, centreY);
}

// Where a point of the atelier is on the picture, as fractions of its width and height.
function toPicture(x, y) {
  const [xmin, ymin, xmax, ymax] = state.shownMap.extent;
  return { left: (x - xmin) / (xmax - xmin), top: (ymax - y) / (ymax - ymin) };
}

function fromPicture(left, top) {
  const [xmin, ymin, xmax, ymax] = state.shownMap.extent;
  return { x: xmin + left * (xmax - xmin), y: ymax - top * (ymax - ymin) };
}

function inPicture(position) {
  return position.left >= 0 && position.left <= 1 && position.top >= 0 && position.top <= 1;
}

function setPosition(element, position) {
  element.style.left = position.left * 100 + "%";
  element.style.top = position.top * 100 + "%";
}

function themeOf(code) {
  return state.view.themes.find((theme) => theme.code === code);
}

function placeMarkers() {
  if (!state.shownMap) return;
  for (const [uuid, marker] of state.markers) {
    if (!state.stakes.has(uuid)) {
      marker.remove();
      state.markers.delete(uuid);
    }
  }
  for (const stake of state.stakes.values()) {
    let marker = state.markers.get(stake.uuid);
    if (!marker) {
      marker = document.createElement("button");
      marker.type = "button";
      marker.className = "marker";
      marker.addEventListener("click", (event) => {
        event.stopPropagation();
        openVoteSheet(stake.uuid);
      });
      $("map").insertBefore(marker, $("pin"));
      state.markers.set(stake.uuid, marker);
    }
    const position = toPicture(stake.x, stake.y);
    const theme = themeOf(stake.theme);
    marker.hidden = !inPicture(position);
    marker.style.setProperty("--colour", theme ? theme.colour : "#555");
    marker.setAttribute("aria-label", say(TEXT.stakeMarker, { title: stake.title }));
    marker.classList.toggle("mine", stake.my_vote !== 0);
    setPosition(marker, position);
  }
}

function placePin() {
  const pin = $("pin");
  if (!state.tapped || !state.shownMap) {
    pin.hidden = true;
    return;
  }
  const position = toPicture(state.tapped.x, state.tapped.y);
  pin.hidden = !inPicture(position);
  setPosition(pin, position);
}

// A tap while the form is open moves the pin: the first tap is often a little off.
function tapMap(event) {
  if (!state.shownMap) return;
  if (!$("vote-sheet").hidden) {
    closeSheets();
    return;
  }
  const rect = $("map").getBoundingClientRect();
  state.tapped = fromPicture((event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
  placePin();
  if ($("stake-sheet").hidden) openStakeSheet();
  else formError(""); // a refusal of the former place, say "outside the atelier"
}

// Keyboards have no finger: Enter on the map places the pin in the middle of what is shown.
function placeAtCentre(event) {
  if (event.key !== "Enter" || event.target !== $("map-scroll")) return;
  const frame = $("map-scroll").getBoundingClientRect();
  tapMap({ clientX: frame.left + frame.width / 2, clientY: frame.top + frame.height / 2 });
}

// -- polling the stakes ------------------------------------------------------------------

async function refreshStakes() {
  const { status, data } = await api("api/stakes");
  if (status === 403) return stop();
  if (status !== 200) {
    toast(TEXT.offline, true);
    return;
  }
  clearToast(TEXT.offline);
  state.stakes = new Map(data.stakes.map((stake) => [stake.uuid, stake]));
  if (state.view && data.map_version !== state.view.map.version) {
    // The projector moved: the new picture comes with its own extent.
    const answer = await api("api/view");
    if (answer.status === 200) {
      state.view = answer.data;
      loadMapPicture(answer.data.map);
    }
  } else {
    placeMarkers();
  }
  if (state.votingOn) showVote();
}

function poll() {
  clearTimeout(state.polling);
  state.polling = setTimeout(async () => {
    if (!document.hidden) await refreshStakes();
    if (!state.stopped) poll();
  }, POLL_MS);
}

function stop() {
  state.stopped = true;
  clearTimeout(state.polling);
  toast(TEXT.errors.forbidden, true);
}

// -- the new stake's sheet ----------------------------------------------------------------

function fillChoices(container, name, terms, withNone) {
  container.replaceChildren();
  const options = withNone ? [{ code: "", label_fr: TEXT.noReading, label_en: TEXT.noReading }, ...terms] : terms;
  for (const term of options) {
    const chip = document.createElement("label");
    chip.className = "chip";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = term.code;
    input.defaultChecked = withNone && term.code === ""; // the default, so that the form's reset comes back to it
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.setAttribute("aria-hidden", "true");
    if (term.colour) swatch.style.setProperty("--colour", term.colour);
    else swatch.classList.add("empty");
    const text = document.createElement("span");
    text.textContent = label(term);
    chip.append(input, swatch, text);
    if (term.colour) chip.style.setProperty("--colour", term.colour);
    container.append(chip);
  }
}

// The sheet takes the bottom of the screen: the map scrolls, if need be, to keep in sight
// what the sheet is about.
function openSheet(sheet, about) {
  state.opener = document.activeElement;
  $("hint").hidden = true;
  document.body.classList.add("sheet-open");
  sheet.hidden = false;
  sheet.querySelector(".sheet-title").focus({ preventScroll: true });
  about.scrollIntoView({ block: "nearest", inline: "nearest" });
}

function closeSheets() {
  document.body.classList.remove("placing", "sheet-open");
  $("stake-sheet").hidden = true;
  $("vote-sheet").hidden = true;
  $("hint").hidden = false;
  state.votingOn = null;
  markSelected();
  // Keyboards and screen readers carry on from where the sheet was opened.
  if (state.opener && state.opener.isConnected) state.opener.focus({ preventScroll: true });
}

function markSelected() {
  for (const [uuid, marker] of state.markers) marker.classList.toggle("selected", uuid === state.votingOn);
}

function openStakeSheet() {
  $("form-error").textContent = "";
  document.body.classList.add("placing");
  openSheet($("stake-sheet"), $("pin"));
}

function cancelStake() {
  $("stake-form").reset();
  clearPhoto();
  state.tapped = null;
  placePin();
  closeSheets();
}

function formError(message) {
  $("form-error").textContent = message;
}

async function sendStake(event) {
  event.preventDefault();
  const form = new FormData($("stake-form"));
  const theme = form.get("theme");
  const title = (form.get("title") || "").trim();
  if (!theme) {
    formError(TEXT.chooseTheme);
    $("theme-choices").querySelector("input").focus();
    return;
  }
  if (!title) {
    formError(TEXT.giveTitle);
    $("stake-title").focus();
    return;
  }
  const send = $("stake-send");
  send.disabled = true;
  send.textContent = TEXT.sending;
  $("form-error").textContent = "";
  const { status, data } = await api("api/contributions", {
    x: state.tapped.x,
    y: state.tapped.y,
    theme,
    reading: form.get("reading") || null,
    title,
    comment: (form.get("comment") || "").trim() || null,
    photo: state.photo,
  });
  send.disabled = false;
  send.textContent = TEXT.send;
  if (status !== 201) {
    formError(errorMessage(data));
    return;
  }
  cancelStake();
  toast(data.pending ? TEXT.thanksPending : TEXT.thanks);
  refreshStakes();
}

// -- the photo ---------------------------------------------------------------------------

async function decodePicture(file) {
  if (window.createImageBitmap) {
    try {
      return await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch {
      // Some browsers decode only through an <img>: tried below.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const picture = new Image();
    picture.src = url;
    await picture.decode();
    return picture;
  } finally {
    URL.revokeObjectURL(url);
  }
}

// A phone's photo weighs megabytes: shrunk here to what the map needs, before the Wi-Fi carries it.
async function shrinkPhoto(file) {
  const picture = await decodePicture(file);
  const width = picture.width;
  const height = picture.height;
  const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(width, height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff"; // JPEG has no transparency: a PNG's clear parts turn white, not black
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(picture, 0, 0, canvas.width, canvas.height);
  const limit = state.view.limits.photo_bytes;
  for (const quality of PHOTO_QUALITIES) {
    const url = canvas.toDataURL("image/jpeg", quality);
    const base64 = url.slice(url.indexOf(",") + 1);
    if ((base64.length * 3) / 4 <= limit) return { url, base64 };
  }
  throw new RangeError("photo too large");
}

async function choosePhoto() {
  const file = $("stake-photo").files[0];
  if (!file) return;
  $("photo-button-text").textContent = TEXT.preparingPhoto;
  try {
    const photo = await shrinkPhoto(file);
    state.photo = photo.base64;
    $("photo-thumbnail").src = photo.url;
    $("photo-preview").hidden = false;
    $("photo-button-text").textContent = TEXT.changePhoto;
  } catch (error) {
    clearPhoto();
    formError(error instanceof RangeError ? TEXT.photoTooLarge : TEXT.photoUnreadable);
  }
}

function clearPhoto() {
  state.photo = null;
  $("stake-photo").value = "";
  $("photo-thumbnail").removeAttribute("src");
  $("photo-preview").hidden = true;
  $("photo-button-text").textContent = TEXT.addPhoto;
}

// -- the vote sheet ------------------------------------------------------------------------

function openVoteSheet(uuid) {
  state.votingOn = uuid;
  $("vote-message").textContent = "";
  showVote();
  markSelected();
  openSheet($("vote-sheet"), state.markers.get(uuid));
}

function showVote() {
  const stake = state.stakes.get(state.votingOn);
  if (!stake) {
    closeSheets();
    return;
  }
  const theme = themeOf(stake.theme);
  $("vote-swatch").style.setProperty("--colour", theme ? theme.colour : "#555");
  $("vote-theme").textContent = theme ? label(theme) : stake.theme;
  $("vote-title").textContent = stake.title;
  $("vote-counts").textContent = say(TEXT.votes, { for: stake.votes_for, against: stake.votes_against });
  const voted = stake.my_vote !== 0;
  $("voted").hidden = !voted;
  $("voted").textContent = stake.my_vote === 1 ? TEXT.votedFor : TEXT.votedAgainst;
  $("vote-for").disabled = voted;
  $("vote-against").disabled = voted;
  $("vote-for").classList.toggle("chosen", stake.my_vote === 1);
  $("vote-against").classList.toggle("chosen", stake.my_vote === -1);
}

async function vote(value) {
  const uuid = state.votingOn;
  $("vote-for").disabled = true;
  $("vote-against").disabled = true;
  const { status, data } = await api("api/votes", { stake: uuid, value });
  const stake = state.stakes.get(uuid);
  if (status === 200 && stake) Object.assign(stake, data);
  // The server knows of an earlier vote (another tab, a lost answer): show it as cast.
  if (data.error === "already_voted" && stake && stake.my_vote === 0) stake.my_vote = value;
  placeMarkers();
  if (state.votingOn !== uuid) return;
  $("vote-message").textContent = status === 200 ? TEXT.voteThanks : errorMessage(data);
  showVote();
}

// -- start -------------------------------------------------------------------------------

function setUp() {
  translatePage();
  $("map-scroll").addEventListener("click", tapMap);
  $("map-scroll").addEventListener("keydown", placeAtCentre);
  $("zoom-in").addEventListener("click", () => zoom(1));
  $("zoom-out").addEventListener("click", () => zoom(-1));
  $("stake-form").addEventListener("submit", sendStake);
  $("stake-cancel").addEventListener("click", cancelStake);
  $("stake-photo").addEventListener("change", choosePhoto);
  $("photo-remove").addEventListener("click", clearPhoto);
  $("vote-for").addEventListener("click", () => vote(1));
  $("vote-against").addEventListener("click", () => vote(-1));
  $("vote-close").addEventListener("click", closeSheets);
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (!$("stake-sheet").hidden) cancelStake();
    else closeSheets();
  });
  // Only a new width (the phone turned) refits: the keyboard coming up changes the height alone.
  window.addEventListener("resize", () => {
    if (!state.shownMap || window.innerWidth === state.fittedWidth) return;
    fitMap();
    sizeMap();
  });
  start();
}

async function start() {
  let { status, data } = await identify();
  if (status === 200) ({ status, data } = await api("api/view"));
  if (status !== 200) {
    toast(errorMessage(data), true);
    if (status !== 403) setTimeout(start, POLL_MS);
    return;
  }
  $("toast").textContent = "";
  applyView(data);
  await refreshStakes();
  poll();
}

document.addEventListener("DOMContentLoaded", setUp);
