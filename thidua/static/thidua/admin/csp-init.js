/*
 * Wagtail initialises date/time pickers and inline panels with inline <script> tags, which our
 * Content Security Policy blocks. The templates in thidua/templates/wagtailadmin/ emit
 * <span hidden data-thidua-init="…"> markers instead; this script makes the same calls, on page
 * load and for markers inserted later (inline panel children, listings refreshed by filters).
 */
(function () {
  'use strict';

  var INIT = {
    date: function (el) { window.initDateChooser(el.dataset.target, JSON.parse(el.dataset.config)); },
    time: function (el) { window.initTimeChooser(el.dataset.target, JSON.parse(el.dataset.config)); },
    datetime: function (el) { window.initDateTimeChooser(el.dataset.target, JSON.parse(el.dataset.config)); },
    'inline-panel': function (el) { new window.InlinePanel(JSON.parse(el.dataset.config)); },
    'multiple-chooser-panel': function (el) { new window.MultipleChooserPanel(JSON.parse(el.dataset.config)); },
  };

  function run(root) {
    var markers = root.querySelectorAll ? root.querySelectorAll('[data-thidua-init]') : [];
    Array.prototype.forEach.call(markers, function (el) {
      var init = INIT[el.dataset.thiduaInit];
      if (!init || el.dataset.thiduaDone) return;
      el.dataset.thiduaDone = '1';
      try {
        init(el);
      } catch (error) {
        // One broken widget must not stop the others from working.
        console.warn('thidua: could not initialise', el.dataset.thiduaInit, error);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    run(document);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        Array.prototype.forEach.call(record.addedNodes, function (node) {
          if (node.nodeType === 1) run(node.parentElement || node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
