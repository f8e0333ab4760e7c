<div class="acp-page-container bonus bonus-admin-requests" data-bonus-page="admin-requests">
  <h1 class="fs-3 mb-2">{{tx("bonus:requests.admin-title")}}</h1>
  <p class="text-secondary">{{tx("bonus:requests.admin.intro")}} <a href="{settingsUrl}">{{tx("bonus:requests.admin.settings")}}</a> · <a href="{queueUrl}">{{tx("bonus:requests.queue-title")}}</a></p>
  <div class="d-flex flex-column gap-2" data-bonus="types">
    {{{ each types }}}
    <details class="card card-body" data-bonus="type" data-id="{./id}">
      <summary class="fw-semibold">{{{ if ./nameKey }}}{{tx(./nameKey)}}{{{ else }}}{./name}{{{ end }}}
        <span class="small text-secondary font-monospace">{./id}</span>
        {{{ if ./isDefault }}}<span class="badge text-bg-light">{{tx("bonus:requests.admin.default")}}</span>{{{ end }}}
        {{{ if !./enabled }}}<span class="badge text-bg-secondary">{{tx("bonus:requests.admin.disabled")}}</span>{{{ end }}}</summary>
      <form class="row g-2 mt-2" data-bonus="type-form">
        <div class="col-12 col-md-6"><label class="form-label small mb-0" for="bonus-t-{./id}-ne">{{tx("bonus:requests.admin.name-en")}}</label><input class="form-control form-control-sm" id="bonus-t-{./id}-ne" name="nameEn" maxlength="200" value="{./nameEn}"></div>
        <div class="col-12 col-md-6"><label class="form-label small mb-0" for="bonus-t-{./id}-nr">{{tx("bonus:requests.admin.name-ru")}}</label><input class="form-control form-control-sm" id="bonus-t-{./id}-nr" name="nameRu" maxlength="200" value="{./nameRu}"></div>
        <div class="col-12 col-md-6"><label class="form-label small mb-0" for="bonus-t-{./id}-he">{{tx("bonus:requests.admin.help-en")}}</label><textarea class="form-control form-control-sm" id="bonus-t-{./id}-he" name="helpEn" maxlength="1000" rows="2">{./helpEn}</textarea></div>
        <div class="col-12 col-md-6"><label class="form-label small mb-0" for="bonus-t-{./id}-hr">{{tx("bonus:requests.admin.help-ru")}}</label><textarea class="form-control form-control-sm" id="bonus-t-{./id}-hr" name="helpRu" maxlength="1000" rows="2">{./helpRu}</textarea></div>
        <div class="col-6 col-md-3"><label class="form-label small mb-0" for="bonus-t-{./id}-s">{{tx("bonus:requests.admin.subject")}}</label>
          <select class="form-select form-select-sm" id="bonus-t-{./id}-s" name="subject">{{{ each ./subjects }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./key)}}</option>{{{ end }}}</select></div>
        <div class="col-12 col-md-4"><label class="form-label small mb-0" for="bonus-t-{./id}-hb">{{tx("bonus:requests.admin.handled-by")}}</label>
          <select class="form-select form-select-sm" id="bonus-t-{./id}-hb" name="handledBy">{{{ each ./handlers }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{{ if ./key }}}{{tx(./key)}}{{{ else }}}{./name}{{{ end }}}</option>{{{ end }}}</select></div>
        <div class="col-6 col-md-2"><label class="form-label small mb-0" for="bonus-t-{./id}-o">{{tx("bonus:requests.admin.order")}}</label><input class="form-control form-control-sm" type="number" min="0" max="1000" id="bonus-t-{./id}-o" name="order" value="{./order}"></div>
        <div class="col-12 d-flex flex-wrap gap-3 align-items-end small">
          <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-t-{./id}-so" name="subjectOptional"{{{ if ./subjectOptional }}} checked{{{ end }}}><label class="form-check-label" for="bonus-t-{./id}-so">{{tx("bonus:requests.admin.subject-optional")}}</label></div>
          <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-t-{./id}-f" name="fileRequired"{{{ if ./fileRequired }}} checked{{{ end }}}><label class="form-check-label" for="bonus-t-{./id}-f">{{tx("bonus:requests.admin.file-required")}}</label></div>
          <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-t-{./id}-a" name="asksSystem"{{{ if ./asksSystem }}} checked{{{ end }}}><label class="form-check-label" for="bonus-t-{./id}-a">{{tx("bonus:requests.admin.asks-system")}}</label></div>
          <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-t-{./id}-e" name="enabled"{{{ if ./enabled }}} checked{{{ end }}}><label class="form-check-label" for="bonus-t-{./id}-e">{{tx("bonus:requests.admin.enabled")}}</label></div>
        </div>
        <div class="col-12 d-flex flex-wrap gap-2"><button type="submit" class="btn btn-sm btn-primary">{{tx("bonus:requests.admin.save")}}</button>
          <button type="button" class="btn btn-sm btn-outline-danger" data-bonus="delete-type">{{tx("bonus:requests.admin.delete")}}</button></div>
      </form>
    </details>
    {{{ end }}}
  </div>
  <form class="card card-body mt-3 row g-2" data-bonus="add-type">
    <h2 class="fs-5">{{tx("bonus:requests.admin.add")}}</h2>
    <div class="col-12 col-md-4"><label class="form-label small mb-0" for="bonus-new-id">{{tx("bonus:requests.admin.id")}}</label><input class="form-control form-control-sm font-monospace" id="bonus-new-id" name="id" maxlength="30" pattern="[a-z0-9-]+" required></div>
    <div class="col-12 col-md-4"><label class="form-label small mb-0" for="bonus-new-ne">{{tx("bonus:requests.admin.name-en")}}</label><input class="form-control form-control-sm" id="bonus-new-ne" name="nameEn" maxlength="200"></div>
    <div class="col-12 col-md-4"><label class="form-label small mb-0" for="bonus-new-nr">{{tx("bonus:requests.admin.name-ru")}}</label><input class="form-control form-control-sm" id="bonus-new-nr" name="nameRu" maxlength="200"></div>
    <div class="col-12 col-md-6"><label class="form-label small mb-0" for="bonus-new-he">{{tx("bonus:requests.admin.help-en")}}</label><textarea class="form-control form-control-sm" id="bonus-new-he" name="helpEn" maxlength="1000" rows="2"></textarea></div>
    <div class="col-12 col-md-6"><label class="form-label small mb-0" for="bonus-new-hr">{{tx("bonus:requests.admin.help-ru")}}</label><textarea class="form-control form-control-sm" id="bonus-new-hr" name="helpRu" maxlength="1000" rows="2"></textarea></div>
    <div class="col-6 col-md-3"><label class="form-label small mb-0" for="bonus-new-s">{{tx("bonus:requests.admin.subject")}}</label>
      <select class="form-select form-select-sm" id="bonus-new-s" name="subject">{{{ each subjects }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./key)}}</option>{{{ end }}}</select></div>
    <div class="col-12 col-md-4"><label class="form-label small mb-0" for="bonus-new-hb">{{tx("bonus:requests.admin.handled-by")}}</label>
      <select class="form-select form-select-sm" id="bonus-new-hb" name="handledBy">{{{ each handlers }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{{ if ./key }}}{{tx(./key)}}{{{ else }}}{./name}{{{ end }}}</option>{{{ end }}}</select></div>
    <div class="col-6 col-md-2"><label class="form-label small mb-0" for="bonus-new-o">{{tx("bonus:requests.admin.order")}}</label><input class="form-control form-control-sm" type="number" min="0" max="1000" id="bonus-new-o" name="order" value="50"></div>
    <div class="col-12 d-flex flex-wrap gap-3 align-items-end small">
      <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-new-so" name="subjectOptional" checked><label class="form-check-label" for="bonus-new-so">{{tx("bonus:requests.admin.subject-optional")}}</label></div>
      <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-new-f" name="fileRequired"><label class="form-check-label" for="bonus-new-f">{{tx("bonus:requests.admin.file-required")}}</label></div>
      <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-new-a" name="asksSystem"><label class="form-check-label" for="bonus-new-a">{{tx("bonus:requests.admin.asks-system")}}</label></div>
      <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-new-e" name="enabled" checked><label class="form-check-label" for="bonus-new-e">{{tx("bonus:requests.admin.enabled")}}</label></div>
    </div>
    <div class="col-12"><button type="submit" class="btn btn-sm btn-primary">{{tx("bonus:requests.admin.add")}}</button></div>
  </form>
</div>
