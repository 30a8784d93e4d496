// The proposal form's fee preview: what the worker receives and what the client pays for the
// price being typed. The server computes the same (contracts/money.py) on every page that
// commits anyone; this only saves a round trip while typing.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-fee-percent]");
  const input = document.getElementById("id_price");
  if (!box || !input) return;
  const percent = Number(box.dataset.feePercent);
  const yen = (n) => "¥" + n.toLocaleString("ja-JP");
  const show = (name, text) => { box.querySelector(`[data-${name}]`).textContent = text; };
  const update = () => {
    const price = Number.parseInt(input.value, 10);
    if (!(price > 0)) { ["pay", "fee", "take"].forEach((n) => show(n, "—")); return; }
    const fee = Math.floor((price * percent) / 100);
    show("pay", yen(price));
    show("fee", yen(fee));
    show("take", yen(price - fee));
  };
  input.addEventListener("input", update);
  update();
});
