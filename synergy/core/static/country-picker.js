// Turns each country <select data-synergy-country-picker> into GOV.UK's accessible autocomplete,
// so a country can be found by typing part of its name. Without JavaScript, or if the
// autocomplete script did not load, the plain <select> still works.
(function () {
  var autocomplete = window.accessibleAutocomplete;
  if (!autocomplete) return;
  document.querySelectorAll("select[data-synergy-country-picker]").forEach(function (select) {
    autocomplete.enhanceSelectElement({
      selectElement: select,
      showAllValues: true,
      autoselect: true,
    });
  });
})();
