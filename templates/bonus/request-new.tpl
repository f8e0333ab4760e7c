<div class="bonus bonus-request-new" data-bonus-page="request-new" data-uid="{uid}" data-max-file-kb="{maxFileKb}">
  <h1 class="fs-3 mb-2">{{tx("bonus:requests.new-title")}}</h1>
  <p class="text-secondary">{{tx("bonus:requests.new-intro")}}</p>
  <ol class="list-inline small mb-3" data-bonus="progress" aria-label="{{tx("bonus:requests.steps")}}">
    <li class="list-inline-item" data-step-label="1">1. {{tx("bonus:requests.step.1")}}</li>
    <li class="list-inline-item" data-step-label="2">2. {{tx("bonus:requests.step.2")}}</li>
    <li class="list-inline-item" data-step-label="3">3. {{tx("bonus:requests.step.3")}}</li>
    <li class="list-inline-item" data-step-label="4">4. {{tx("bonus:requests.step.4")}}</li>
    <li class="list-inline-item" data-step-label="5">5. {{tx("bonus:requests.step.5")}}</li>
  </ol>
  <div class="alert alert-info d-none" data-bonus="restored" role="status">{{tx("bonus:requests.draft-restored")}}
    <button type="button" class="btn btn-link btn-sm p-0 ms-2 align-baseline" data-bonus="discard">{{tx("bonus:requests.discard")}}</button></div>
  <form class="card card-body" data-bonus="wizard" autocomplete="off" novalidate>
    <fieldset data-step="1">
      <legend class="fs-5">{{tx("bonus:requests.step.1")}}</legend>
      <div class="d-flex flex-column gap-2">
        {{{ each types }}}
        <div class="form-check border rounded p-2 ps-5">
          <input class="form-check-input" type="radio" name="typeId" id="bonus-type-{./id}" value="{./id}" data-subject="{./subject}" data-optional="{{{ if ./subjectOptional }}}1{{{ end }}}" data-file="{{{ if ./fileRequired }}}1{{{ end }}}" data-steps="{./steps}">
          <label class="form-check-label fw-semibold" for="bonus-type-{./id}" data-bonus="type-name">{{{ if ./nameKey }}}{{tx(./nameKey)}}{{{ else }}}{./name}{{{ end }}}</label>
          <div class="small text-secondary">{{{ if ./helpKey }}}{{tx(./helpKey)}}{{{ else }}}{./help}{{{ end }}}</div>
        </div>
        {{{ end }}}
      </div>
    </fieldset>
    <fieldset data-step="2" hidden>
      <legend class="fs-5">{{tx("bonus:requests.step.2")}}</legend>
      <div data-bonus="pick-licence">
        <label class="form-label" for="bonus-licence">{{tx("bonus:requests.pick-licence")}}</label>
        <select class="form-select mb-1" id="bonus-licence" name="licenceId">
          <option value="">{{tx("bonus:requests.none-selected")}}</option>
          {{{ each licences }}}<option value="{./id}">{./label}{{{ if ./title }}} · {./title}{{{ end }}}</option>{{{ end }}}
        </select>
        {{{ if !hasLicences }}}<p class="small text-secondary">{{tx("bonus:requests.no-licences")}} <a href="{licencesUrl}">{{tx("bonus:licences.title")}}</a></p>{{{ end }}}
      </div>
      <div data-bonus="pick-order" class="mt-2">
        <label class="form-label" for="bonus-order">{{tx("bonus:requests.pick-order")}}</label>
        <select class="form-select mb-1" id="bonus-order" name="orderId">
          <option value="">{{tx("bonus:requests.none-selected")}}</option>
          {{{ each orders }}}<option value="{./id}">{./label}{{{ if ./title }}} · {./title}{{{ end }}} · {./at}</option>{{{ end }}}
        </select>
        {{{ if !hasOrders }}}<p class="small text-secondary">{{tx("bonus:requests.no-orders")}}</p>{{{ end }}}
      </div>
      <p class="small text-secondary mt-2" data-bonus="may-skip">{{tx("bonus:requests.may-skip")}}</p>
    </fieldset>
    <fieldset data-step="3" hidden>
      <legend class="fs-5">{{tx("bonus:requests.step.3")}}</legend>
      <div class="mb-2" data-bonus="claim-problem" hidden>
        <label class="form-label" for="bonus-claim-problem">{{tx("bonus:requests.claim-problem")}}</label>
        <select class="form-select" id="bonus-claim-problem" name="claimProblem" aria-describedby="bonus-claim-problem-help">
          <option value="">{{tx("bonus:requests.claim-problem.none")}}</option>
          <option value="wrong-items">{{tx("bonus:claim.problem.wrong-items")}}</option>
          <option value="damaged">{{tx("bonus:claim.problem.damaged")}}</option>
        </select>
        <div class="form-text" id="bonus-claim-problem-help">{{tx("bonus:requests.claim-problem-help")}}</div>
      </div>
      <label class="form-label" for="bonus-subject">{{tx("bonus:requests.subject")}}</label>
      <input class="form-control mb-2" type="text" id="bonus-subject" name="subject" maxlength="{limits.subject}" required>
      <label class="form-label" for="bonus-description">{{tx("bonus:requests.description")}}</label>
      <textarea class="form-control mb-2" id="bonus-description" name="description" rows="6" maxlength="{limits.description}" required></textarea>
      <label class="form-label" for="bonus-files">{{tx("bonus:requests.attachments")}}</label>
      <input class="form-control" type="file" id="bonus-files" multiple accept=".png,.jpg,.jpeg,.gif,.pdf,.txt,.log,.zip" aria-describedby="bonus-files-help">
      <div class="form-text" id="bonus-files-help">{{tx("bonus:requests.attachments-help", maxFileKb)}}</div>
      <ul class="list-unstyled small mt-1 mb-1" data-bonus="files"></ul>
      <p class="small text-secondary mb-0" data-bonus="file-required">{{tx("bonus:requests.file-required")}}</p>
    </fieldset>
    <fieldset data-step="4" hidden>
      <legend class="fs-5">{{tx("bonus:requests.step.4")}}</legend>
      <label class="form-label" for="bonus-os">{{tx("bonus:requests.os")}}</label>
      <input class="form-control mb-2" type="text" id="bonus-os" name="os" maxlength="{limits.os}" list="bonus-os-list">
      <datalist id="bonus-os-list"><option value="Windows 11"><option value="Windows 10"><option value="macOS"><option value="Linux"><option value="Android"><option value="iOS"></datalist>
      <label class="form-label" for="bonus-version">{{tx("bonus:requests.version")}}</label>
      <input class="form-control" type="text" id="bonus-version" name="version" maxlength="{limits.version}">
    </fieldset>
    <fieldset data-step="5" hidden>
      <legend class="fs-5">{{tx("bonus:requests.step.5")}}</legend>
      <p class="small text-secondary">{{tx("bonus:requests.review-intro")}}</p>
      <dl class="row mb-0" data-bonus="review"></dl>
    </fieldset>
    <div class="text-danger small mt-2" data-bonus="form-error" role="alert" aria-live="polite"></div>
    <div class="d-flex flex-wrap gap-2 mt-3">
      <button type="button" class="btn btn-outline-secondary" data-bonus="back" hidden>{{tx("bonus:requests.back")}}</button>
      <button type="button" class="btn btn-primary" data-bonus="next">{{tx("bonus:requests.next")}}</button>
      <button type="submit" class="btn btn-success" data-bonus="submit" hidden>{{tx("bonus:requests.submit")}}</button>
    </div>
  </form>
  <div class="alert alert-success mt-3 d-none" data-bonus="done" role="status">
    <p class="mb-1 fw-semibold" data-bonus="done-text"></p>
    <a class="btn btn-sm btn-primary" data-bonus="done-link" href="{listUrl}">{{tx("bonus:requests.open-request")}}</a>
  </div>
  <template data-bonus="labels">
    <span data-k="type">{{tx("bonus:requests.step.1")}}</span><span data-k="licence">{{tx("bonus:requests.licence")}}</span><span data-k="order">{{tx("bonus:requests.order")}}</span>
    <span data-k="subject">{{tx("bonus:requests.subject")}}</span><span data-k="description">{{tx("bonus:requests.description")}}</span>
    <span data-k="os">{{tx("bonus:requests.os")}}</span><span data-k="version">{{tx("bonus:requests.version")}}</span><span data-k="skipped">{{tx("bonus:requests.skipped")}}</span>
    <span data-k="change">{{tx("bonus:requests.change")}}</span><span data-k="attachments">{{tx("bonus:requests.attachments")}}</span><span data-k="claimProblem">{{tx("bonus:requests.claim-problem")}}</span>
    <span data-k="remove">{{tx("bonus:requests.remove-file")}}</span><span data-k="uploading">{{tx("bonus:requests.uploading")}}</span>
  </template>
</div>
