/* Initialises Wagtail's image chooser where the portal's CSP-safe widget left a marker
 * (thidua/portal/widgets.py), on load and for markers added later. */
(function () {
  'use strict';
  function run(root) {
    var markers = root.querySelectorAll ? root.querySelectorAll('[data-portal-image-chooser]') : [];
    Array.prototype.forEach.call(markers, function (el) {
      if (el.dataset.done) return;
      el.dataset.done = '1';
      try {
        new window.ImageChooser(el.dataset.portalImageChooser, JSON.parse(el.dataset.options));
      } catch (error) {
        console.warn('portal: could not initialise the image chooser', error);
      }
    });
  }
  document.addEventListener('DOMContentLoaded', function () { run(document); });
}());
