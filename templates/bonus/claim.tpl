<div class="bonus bonus-claim" data-bonus-page="claim" data-claim-id="{claim.id}">
  <p class="mb-2"><a href="{claim.orderUrl}"><i class="fa fa-arrow-left" aria-hidden="true"></i> {{tx("bonus:order.title", claim.orderId)}}</a></p>
  <h1 class="fs-3 mb-1">{{tx("bonus:claim.title", claim.id)}}</h1>
  <p class="mb-3">
    <span class="badge {{{ if claim.open }}}text-bg-warning{{{ else }}}text-bg-secondary{{{ end }}} fs-6" data-bonus="claim-status">{{bonusTx("bonus:claim.status.", claim.status)}}</span>
    <span class="ms-2">{{bonusTx("bonus:claim.problem.", claim.problem)}}</span>
    <span class="text-secondary ms-2">{claim.username}, <span class="timeago" title="{claim.date}">{claim.dateText}</span></span>
  </p>
  <div class="row g-3">
    <div class="col-12 col-lg-7">
      <section class="card card-body mb-3" aria-labelledby="bonus-claim-description">
        <h2 class="fs-6" id="bonus-claim-description">{{tx("bonus:claim.description")}}</h2>
        <p class="mb-2" style="white-space: pre-line;" data-bonus="claim-description">{claim.description}</p>
        {{{ if claim.hasPhotos }}}
        <h2 class="fs-6">{{tx("bonus:claim.photos")}}</h2>
        <ul class="list-inline mb-2" data-bonus="claim-photos">
          {{{ each claim.photos }}}<li class="list-inline-item"><a href="{./url}" target="_blank" rel="noopener noreferrer nofollow"><i class="fa fa-image" aria-hidden="true"></i> {{tx("bonus:claim.photo", ./n)}}</a></li>{{{ end }}}
        </ul>
        {{{ end }}}
        {{{ if claim.hasVideo }}}
        <p class="mb-0"><a href="{claim.videoUrl}" target="_blank" rel="noopener noreferrer nofollow" data-bonus="claim-video"><i class="fa fa-video" aria-hidden="true"></i> {{tx("bonus:claim.video")}}</a></p>
        {{{ end }}}
      </section>
      {{{ if claim.closing }}}
      <section class="card card-body mb-3 border-secondary" aria-labelledby="bonus-claim-resolution" data-bonus="claim-resolution">
        <h2 class="fs-6" id="bonus-claim-resolution">{{tx("bonus:claim.resolution")}}: {{bonusTx("bonus:claim.resolution.", claim.closing.resolution)}}</h2>
        <p class="mb-1" style="white-space: pre-line;">{claim.closing.note}</p>
        {{{ if claim.closing.hasAmount }}}<p class="mb-1 text-success">{{tx("bonus:claim.refunded", claim.closing.amount)}}</p>{{{ end }}}
        <p class="small text-secondary mb-0"><span class="timeago" title="{claim.closing.date}">{claim.closing.dateText}</span></p>
      </section>
      {{{ end }}}
      <section aria-labelledby="bonus-claim-thread">
        <h2 class="fs-5" id="bonus-claim-thread">{{tx("bonus:claim.thread")}}</h2>
        {{{ if !claim.hasMessages }}}<p class="text-secondary" data-bonus="no-messages">{{tx("bonus:claim.no-messages")}}</p>{{{ end }}}
        <ol class="list-unstyled d-flex flex-column gap-2" data-bonus="claim-messages">
          {{{ each claim.messages }}}
          <li class="card card-body py-2 {{{ if ./fromAdmin }}}border-info{{{ end }}}">
            <div class="small text-secondary">{{{ if ./fromAdmin }}}<strong>{{tx("bonus:claim.from-admin")}}</strong>{{{ else }}}{./author}{{{ end }}} · <span class="timeago" title="{./date}">{./dateText}</span></div>
            <div style="white-space: pre-line;">{./text}</div>
          </li>
          {{{ end }}}
        </ol>
        {{{ if canReply }}}
        <form data-form="claim-reply" data-claim-id="{claim.id}">
          <label class="form-label" for="bonus-claim-reply">{{tx("bonus:claim.reply-label")}}</label>
          <textarea class="form-control mb-2" id="bonus-claim-reply" name="text" rows="3" maxlength="{messageMax}" required></textarea>
          <button class="btn btn-primary" type="submit">{{tx("bonus:claim.send")}}</button>
        </form>
        {{{ end }}}
      </section>
    </div>
    {{{ if canClose }}}
    <aside class="col-12 col-lg-5">
      <form class="card card-body border-warning" data-form="claim-close" data-bonus="claim-admin" aria-labelledby="bonus-claim-close">
        <h2 class="fs-6" id="bonus-claim-close">{{tx("bonus:claim.close")}}</h2>
        <label class="form-label small" for="bonus-claim-resolution-select">{{tx("bonus:claim.close-resolution")}}</label>
        <select class="form-select form-select-sm mb-2" id="bonus-claim-resolution-select" name="resolution">
          {{{ each resolutions }}}<option value="{./value}">{{bonusTx("bonus:claim.resolution.", ./value)}}</option>{{{ end }}}
        </select>
        <label class="form-label small" for="bonus-claim-amount">{{tx("bonus:claim.close-amount", maxRefund)}}</label>
        <input class="form-control form-control-sm mb-2" type="number" id="bonus-claim-amount" name="amount" min="0" max="{maxRefund}" step="1">
        <label class="form-label small" for="bonus-claim-note">{{tx("bonus:claim.close-note")}}</label>
        <textarea class="form-control form-control-sm mb-2" id="bonus-claim-note" name="note" rows="3" maxlength="2000" required></textarea>
        <button class="btn btn-sm btn-warning" type="submit">{{tx("bonus:claim.close-submit")}}</button>
      </form>
    </aside>
    {{{ end }}}
  </div>
  <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
</div>
