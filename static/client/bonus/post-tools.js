'use strict';

// A classic script (plugin.json "scripts"), bundled by NodeBB into its client code: the "Warn"
// item the plugin adds to a post's tools menu (filter:post.tools renders it as
// `<a component="bonus-warn">` inside the post) opens a dialog saying what the warning costs and
// asking for the reason, then issues
// the warning through the write API. The server checks the moderator's right again and refuses a
// second warning for the same post; its translated message is shown as it comes.
$(document).on('click', '[component="bonus-warn"]', function (ev) {
  ev.preventDefault();
  const post = this.closest('[data-pid]');
  const pid = post ? Number(post.getAttribute('data-pid')) : 0;
  if (!pid) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- NodeBB's AMD-style require in bundled scripts
  require(['api', 'alerts', 'bootbox', 'translator'], function (api, alerts, bootbox, translator) {
    // bootbox shows its strings as given: translate them first, the member's text stays untouched
    const keys = ['[[bonus:warnings.warn]]', '[[bonus:warnings.post-dialog-intro]]', '[[bonus:warnings.reason]]', '[[bonus:cancel]]', '[[bonus:warnings.issue]]'];
    // what the warning costs now, in the moderator's language (the server writes its plural form)
    const cost = api.get('/plugins/bonus/warnings/cost', { pid: pid, lang: (window.config && config.userLang) || undefined }).then(function (r) { return r.text; }, function () { return ''; });
    Promise.all(keys.map(function (k) { return new Promise(function (resolve) { translator.translate(k, resolve); }); }).concat([cost])).then(function (t) {
      const box = bootbox.dialog({
        title: t[0],
        message:
          '<form data-bonus="post-warn"><p class="text-secondary small"></p>' +
          '<label class="form-label" for="bonus-warn-reason"></label>' +
          '<textarea class="form-control" id="bonus-warn-reason" name="reason" rows="3" maxlength="1000" required></textarea></form>',
        buttons: {
          cancel: { label: t[3], className: 'btn-outline-secondary' },
          submit: {
            label: t[4],
            className: 'btn-danger',
            callback: function () {
              const reason = box.find('textarea[name="reason"]').val();
              api.post('/plugins/bonus/warnings', { pid: pid, reason: reason }).then(function () {
                alerts.success('[[bonus:warnings.issued]]');
                box.modal('hide');
              }).catch(alerts.error);
              return false; // stays open until the server answers
            },
          },
        },
      });
      box.find('p.text-secondary').text(t[5] ? t[5] + ' ' + t[1] : t[1]);
      box.find('label[for="bonus-warn-reason"]').text(t[2]);
      box.on('shown.bs.modal', function () { box.find('textarea').trigger('focus'); });
    });
  });
});
