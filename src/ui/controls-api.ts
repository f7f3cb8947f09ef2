/**
 * The built-in controls' slots, parts and custom properties (`controls`, `stats`): documented here,
 * beside the controls; the manifest's analyzer merges them into `<ams-cdn-player>`'s entry
 * (custom-elements-manifest.config.mjs). Nothing imports this class: it carries documentation only.
 *
 * @slot error-message - With `controls`: replaces the error text (default: the error's own message).
 * @slot retry-label - With `controls`: label of the retry button in the error state.
 * @slot loading-label - With `controls`: spoken name of the loading spinner.
 * @slot play-label - With `controls`: label of the play button.
 * @slot pause-label - With `controls`: label of the pause button.
 * @slot mute-label - With `controls`: label of the mute toggle.
 * @slot volume-label - With `controls`: label of the volume slider.
 * @slot live-label - With `controls`: text of the LIVE badge.
 * @slot seek-label - With `controls`: label of a recording's seek bar.
 * @slot seek-to-live-label - With `controls`: spoken label of the LIVE badge when behind the live edge.
 * @slot behind-live-label - With `controls`: text after the latency ("behind live").
 * @slot quality-label - With `controls`: label of the quality menu.
 * @slot audio-label - With `controls`: label of the audio menu.
 * @slot captions-label - With `controls`: label of the captions menu.
 * @slot quality-auto-label - With `controls`: the menu's automatic entry ("Auto").
 * @slot pip-label - With `controls`: label of the picture-in-picture toggle.
 * @slot fullscreen-label - With `controls`: label of the full screen toggle.
 * @slot stats-latency-label - With `stats`: label of the latency row.
 * @slot stats-target-label - With `stats`: label of the target latency row.
 * @slot stats-buffer-label - With `stats`: label of the buffer-ahead row.
 * @slot stats-bitrate-label - With `stats`: label of the bitrate row.
 * @slot stats-rendition-label - With `stats`: label of the rendition row.
 * @slot stats-dropped-label - With `stats`: label of the dropped frames row.
 * @slot stats-stalls-label - With `stats`: label of the stalls row.
 * @csspart overlay - With `controls`: the box over the picture in the waiting, ended and error states.
 * @csspart waiting - With `controls`: the overlay while waiting for the stream.
 * @csspart ended - With `controls`: the overlay after the broadcast ended.
 * @csspart error - With `controls`: the overlay in the error state.
 * @csspart spinner - With `controls`: the loading spinner (loading and stalled, after 500 ms).
 * @csspart retry-button - With `controls`: the retry button in the error state.
 * @csspart controls - With `controls`: the control bar.
 * @csspart button - With `controls`: every button of the bar.
 * @csspart play-button - With `controls`: play/pause.
 * @csspart mute-button - With `controls`: the mute toggle.
 * @csspart volume - With `controls`: the volume slider.
 * @csspart live-badge - With `controls`: the LIVE badge.
 * @csspart seek-bar - With `controls`: a recording's seek bar (play order `vod`).
 * @csspart time - With `controls`: a recording's position and length ("1:05 / 8:00").
 * @csspart live-edge - With `controls`: the LIVE badge while at the live edge (lit).
 * @csspart live-offset - With `controls`: how far behind live, in the badge ("-4 s").
 * @csspart latency - With `controls`: the latency readout.
 * @csspart quality-menu - With `controls`: the quality select (ABR streams only).
 * @csspart captions-menu - With `controls`: the subtitles and captions select (streams that have them).
 * @csspart audio-menu - With `controls`: the audio rendition select (streams with more than one).
 * @csspart pip-button - With `controls`: the picture-in-picture toggle.
 * @csspart fullscreen-button - With `controls`: the full screen toggle.
 * @csspart stats - With `stats`: the stats panel.
 * @cssprop [--ams-cdn-player-accent-color=#3ea6ff] - Spinner, slider, retry button and focus ring.
 * @cssprop [--ams-cdn-player-live-color=#e5252a] - The LIVE badge's dot at the live edge.
 * @cssprop [--ams-cdn-player-control-color=white] - Icons and text of the controls.
 * @cssprop [--ams-cdn-player-control-background=rgb(0 0 0 / 0.65)] - Behind the control bar and stats panel.
 * @cssprop [--ams-cdn-player-control-size=2.5em] - Height and minimum width of a control button.
 * @cssprop [--ams-cdn-player-focus-color=var(--ams-cdn-player-accent-color)] - Keyboard focus ring.
 * @cssprop [--ams-cdn-player-font=system-ui, sans-serif] - Font of the controls.
 * @cssprop [--ams-cdn-player-spinner-delay=500ms] - How long loading lasts before the spinner shows.
 */
export class AmsCdnPlayerControlsApi {}
