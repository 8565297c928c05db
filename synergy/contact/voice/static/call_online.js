// "Call 101 online": a WebRTC call to the assistant, with captions of both sides.
(function () {
  "use strict";
  var root = document.getElementById("voice-call");
  if (!root) { return; }
  root.hidden = false;
  var startButton = document.getElementById("voice-start");
  var personButton = document.getElementById("voice-person");
  var endButton = document.getElementById("voice-end");
  var statusText = document.getElementById("voice-status");
  var captions = document.getElementById("voice-captions");
  var audio = document.getElementById("voice-audio");
  var pc = null;
  var channel = null;
  var gaveNumber = false;
  var ready = false;

  function say(text) { statusText.textContent = text; }

  // GOV.UK buttons are display: inline-block, which beats the hidden attribute: use the
  // display override class as well.
  function show(button, visible) {
    button.hidden = !visible;
    button.classList.toggle("govuk-!-display-none", !visible);
  }

  function addCaption(speaker, text) {
    var item = document.createElement("li");
    item.className = "voice-caption voice-caption--" + speaker;
    var who = document.createElement("strong");
    who.textContent = (speaker === "caller" ? "You" : "Assistant") + ": ";
    item.appendChild(who);
    item.appendChild(document.createTextNode(text));
    captions.appendChild(item);
  }

  function onEvent(message) {
    var data;
    try { data = JSON.parse(message.data); } catch (e) { return; }
    if (data.speaker) { addCaption(data.speaker, data.text); }
    if (data.event === "handover") {
      say("You are waiting for a member of staff. Please stay on this page.");
      document.body.setAttribute("data-voice-outcome", "handover-" + data.queue);
    }
    if (data.event === "agent") { onAgent(data); }
    if (data.event === "ended" && !gaveNumber) {
      say("The call has ended.");
      document.body.setAttribute("data-voice-outcome", "ended");
    }
  }

  // Being put through to a member of staff: connecting, ringing, connected, or the number
  // to call instead (which stays on the page after the call ends).
  function onAgent(data) {
    document.body.setAttribute("data-voice-agent", data.state);
    if (data.state === "connecting") { say("Putting you through to a member of staff. Please stay on this page."); }
    if (data.state === "ringing") { say("Ringing a member of staff. Please stay on this page."); }
    if (data.state === "connected") { say("You are through to a member of staff."); }
    if (data.state === "ended") { say("The member of staff has ended the call."); }
    if (data.state === "unavailable") {
      gaveNumber = true;
      say(data.text || ("We could not put you through to a member of staff. Please call " + data.phone + "."));
    }
  }

  function waitForCandidates(connection) {
    return new Promise(function (resolve) {
      if (connection.iceGatheringState === "complete") { resolve(); return; }
      connection.addEventListener("icegatheringstatechange", function () {
        if (connection.iceGatheringState === "complete") { resolve(); }
      });
      setTimeout(resolve, 3000);
    });
  }

  function hangUp() {
    if (pc) { pc.close(); pc = null; }
    show(startButton, true);
    show(personButton, false);
    show(endButton, false);
    say(ready ? "Not connected." : "Not connected. The call line is still getting ready.");
  }

  async function start() {
    show(startButton, false);
    say(ready ? "Connecting…" : "Connecting… The call line is still getting ready, which can take a few seconds.");
    try {
      var stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      pc = new RTCPeerConnection({ iceServers: [] });
      channel = pc.createDataChannel("events");
      channel.onmessage = onEvent;
      stream.getTracks().forEach(function (track) { pc.addTrack(track, stream); });
      pc.ontrack = function (event) { audio.srcObject = event.streams[0] || new MediaStream([event.track]); };
      pc.onconnectionstatechange = function () {
        if (pc && pc.connectionState === "connected") { say("Connected. Please speak after the greeting."); }
        if (pc && pc.connectionState === "failed") { say("The call could not connect. Please call 101."); }
      };
      await pc.setLocalDescription(await pc.createOffer());
      await waitForCandidates(pc);
      var response = await fetch(root.dataset.offerUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": root.dataset.csrfToken },
        body: JSON.stringify({ sdp: pc.localDescription.sdp, type: "offer" })
      });
      if (!response.ok) {
        var problem = await response.json().catch(function () { return {}; });
        throw new Error(problem.detail || problem.title || "The call could not be started.");
      }
      var answer = await response.json();
      await pc.setRemoteDescription(answer);
      show(personButton, true);
      show(endButton, true);
    } catch (error) {
      hangUp();
      say(error.message + " Please try again or call 101.");
    }
  }

  // The speech engines load in the background when the server starts or this page opens:
  // say how far they have got, so nobody presses Start and waits in silence.
  function checkReady() {
    fetch(root.dataset.statusUrl, { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.state === "ready") {
          ready = true;
          if (!pc) { say("Ready. Press Start call when you are ready to speak."); }
          return;
        }
        if (status.state === "unavailable") {
          if (!pc) {
            show(startButton, false);
            say("Calling online is not available at the moment. Please call 101 or use our web chat.");
          }
          return;
        }
        if (status.state === "loading" && !pc) {
          say("Getting the call line ready: loading " + status.loading + " (step " + status.step + " of " + status.steps + ").");
        }
        setTimeout(checkReady, 700);
      })
      .catch(function () { setTimeout(checkReady, 2000); });
  }

  say("Getting the call line ready.");
  checkReady();
  startButton.addEventListener("click", start);
  endButton.addEventListener("click", hangUp);
  personButton.addEventListener("click", function () {
    if (channel && channel.readyState === "open") { channel.send(JSON.stringify({ key: "0" })); }
  });
}());
