// Material reads the search query on keyup only; IME commits and paste may
// not send one, so echo every input event as a keyup.
document.addEventListener("input", function (ev) {
  var el = ev.target;
  if (el instanceof HTMLInputElement && el.matches("input.md-search__input"))
    el.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
}, true);
