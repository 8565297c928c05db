// Drawing (finger, pen or mouse) into vector strokes, the device's clock, and the location
// when the officer ticks the box. Pages work without this script: text and descriptions
// are enough to save an entry.
function drawingSurface(box) {
  const canvas = box.querySelector("canvas");
  const field = box.querySelector("input[type=hidden]");
  const context = canvas.getContext("2d");
  let strokes = field.value ? JSON.parse(field.value) : [];
  let current = null;
  const point = (event) => {
    const rect = canvas.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * canvas.width) / rect.width;
    const y = ((event.clientY - rect.top) * canvas.height) / rect.height;
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  };
  const redraw = () => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.lineWidth = 2;
    context.lineCap = "round";
    for (const stroke of strokes) {
      context.beginPath();
      stroke.forEach(([x, y], i) => (i ? context.lineTo(x, y) : context.moveTo(x, y)));
      context.stroke();
    }
    field.value = strokes.length ? JSON.stringify(strokes) : "";
  };
  canvas.addEventListener("pointerdown", (event) => {
    canvas.setPointerCapture(event.pointerId);
    current = [point(event)];
    strokes.push(current);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (current) { current.push(point(event)); redraw(); }
  });
  const finish = () => { current = null; redraw(); };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);
  box.querySelector("[data-clear]").addEventListener("click", () => { strokes = []; redraw(); });
  redraw();
}

document.querySelectorAll("[data-drawing]").forEach(drawingSurface);

document.querySelectorAll("form").forEach((form) => {
  form.addEventListener("submit", () => {
    const clock = form.querySelector("[data-device-time]");
    if (clock) clock.value = new Date().toISOString();
  });
});

const share = document.querySelector("[data-share-location]");
if (share && "geolocation" in navigator) {
  share.addEventListener("change", () => {
    if (!share.checked) {
      document.querySelector("[data-latitude]").value = "";
      document.querySelector("[data-longitude]").value = "";
      return;
    }
    navigator.geolocation.getCurrentPosition((position) => {
      document.querySelector("[data-latitude]").value = position.coords.latitude;
      document.querySelector("[data-longitude]").value = position.coords.longitude;
    }, () => { share.checked = false; });
  });
}
