// Drawing (finger, pen or mouse) into vector strokes kept in a hidden field as JSON.
// The canvas is decorative to assistive technology: a typed description or name carries it.
export function drawingSurface(box) {
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
