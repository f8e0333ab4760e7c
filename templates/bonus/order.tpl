<div class="bonus bonus-order" data-bonus-page="order" data-order-id="{order.id}">
  <p class="mb-2"><a href="{ordersUrl}"><i class="fa fa-arrow-left" aria-hidden="true"></i> {{tx("bonus:orders.title")}}</a></p>
  <h1 class="fs-3 mb-1">{{tx("bonus:order.title", order.id)}}</h1>
  <p class="mb-3">
    <span class="badge {{{ if order.cancelled }}}text-bg-secondary{{{ else }}}text-bg-info{{{ end }}} fs-6" data-bonus="status">{{bonusTx("bonus:order.status.", order.status)}}</span>
    <span class="text-secondary ms-2"><span class="timeago" title="{order.date}">{order.dateText}</span></span>
  </p>
  {{{ if order.hasShipBy }}}
  <p class="{{{ if order.late }}}text-danger fw-semibold{{{ else }}}text-secondary{{{ end }}}" data-bonus="ship-by">
    <i class="fa fa-truck" aria-hidden="true"></i> {{tx("bonus:prizes.ship-by", order.shipByText)}}{{{ if order.late }}} — {{tx("bonus:prizes.late")}}{{{ end }}}
  </p>
  {{{ end }}}
  {{{ if taxPending }}}
  <div class="alert alert-warning" role="status" data-bonus="tax-pending">{{{ if isBuyer }}}{{tx("bonus:retail.tax.order-needs")}} <a href="{taxUrl}">{{tx("bonus:retail.tax.give")}}</a>{{{ else }}}{{tx("bonus:retail.tax.order-waits")}}{{{ end }}}</div>
  {{{ end }}}
  {{{ if order.awaitingCodes }}}
  <div class="alert alert-warning" role="status" data-bonus="awaiting-codes">{{tx("bonus:order.awaiting-codes")}}</div>
  {{{ end }}}
  <div class="row g-3">
    <section class="col-12 col-lg-7" aria-labelledby="bonus-order-lines">
      <h2 class="fs-5" id="bonus-order-lines">{{tx("bonus:order.items")}}</h2>
      <ul class="list-group mb-3" data-bonus="lines">
        {{{ each order.lines }}}
        <li class="list-group-item {{{ if ./refunded }}}text-decoration-line-through text-secondary{{{ end }}}" data-index="{./index}" data-quantity="{./quantity}" data-souvenir="{{{ if ./isSouvenir }}}1{{{ end }}}" data-line-total="{./lineTotal}" data-refunded="{{{ if ./refunded }}}1{{{ end }}}">
          <div class="d-flex justify-content-between gap-2">
            <span>{./title}{{{ if ./hasVariant }}}, {./variantLabel}{{{ end }}} × {./quantity}</span>
            <span class="text-nowrap">{{bonusPlural(./unitKey, ./paid)}}</span>
          </div>
          {{{ if ./isLicense }}}<p class="small text-secondary mb-0">{{tx("bonus:order.activation-country")}} {{bonusTx("bonus:", ./regionNameKey)}}</p>{{{ end }}}
          {{{ if ./withoutBattery }}}<p class="small text-secondary mb-0">{{tx("bonus:checkout.without-battery")}}</p>{{{ end }}}
          {{{ if ./refunded }}}<p class="small mb-0">{{tx("bonus:order.line-refunded")}}</p>{{{ end }}}
          {{{ if ./replaced }}}
          <p class="small mb-0" data-bonus="line-replaced">{{tx("bonus:order.line-replaced")}} {./replacedFrom}.
            {{{ if ./hasReplacedRefund }}}{{tx("bonus:order.replaced-refund", bonusPlural(./unitKey, ./replacedRefund))}}{{{ end }}}
            {{{ if ./hasReplacedClubPays }}}{{tx("bonus:order.replaced-club-pays", bonusPlural(./unitKey, ./replacedClubPays))}}{{{ end }}}
          </p>
          {{{ end }}}
        </li>
        {{{ end }}}
      </ul>
      <p class="d-flex justify-content-between mb-1"><span>{{tx("bonus:cart.subtotal")}}</span> <span>{order.subtotal}</span></p>
      {{{ if order.hasDiscount }}}
      <p class="d-flex justify-content-between mb-1 text-success"><span>{{tx("bonus:checkout.discount", order.promoPercent)}}</span> <span>{{tx("bonus:checkout.discount-amount", order.discount)}}</span></p>
      {{{ end }}}
      <p class="d-flex justify-content-between fw-semibold"><span>{{tx("bonus:checkout.total")}}</span> <span>{{bonusPlural(order.unitKey, order.total)}}</span></p>
      {{{ if hasRefunded }}}
      <p class="d-flex justify-content-between text-success" data-bonus="refunded"><span>{{tx("bonus:order.refunded-total")}}</span> <span>{{bonusPlural(order.unitKey, refunded)}}</span></p>
      {{{ end }}}
      {{{ if order.hasLicenses }}}
      <p><a href="{purchasesUrl}"><i class="fa fa-key" aria-hidden="true"></i> {{tx("bonus:order.see-codes")}}</a></p>
      {{{ end }}}
    </section>
    <aside class="col-12 col-lg-5">
      <section class="card card-body mb-3" aria-labelledby="bonus-order-delivery">
        <h2 class="fs-6" id="bonus-order-delivery">{{tx("bonus:checkout.contact")}}</h2>
        <p class="mb-2">{order.contact.name}<br>{order.contact.email}<br>{order.contact.phone}</p>
        {{{ if order.hasDelivery }}}
        <h2 class="fs-6">{{tx("bonus:checkout.step.delivery")}}</h2>
        <p class="mb-0">
          {{{ if order.delivery.isPickup }}}{{tx("bonus:checkout.method-pickup")}}<br>{{{ end }}}
          {{bonusTx("bonus:", order.delivery.countryNameKey)}}<br>{order.delivery.region} {order.delivery.city}<br>{order.delivery.address} {order.delivery.postcode}
        </p>
        {{{ end }}}
      </section>
      {{{ if isAdmin }}}
      <section class="card card-body mb-3 border-warning" aria-labelledby="bonus-order-admin" data-bonus="order-admin" data-min-souvenir-order="{minSouvenirOrder}">
        <h2 class="fs-6" id="bonus-order-admin">{{tx("bonus:order.admin")}}</h2>
        {{{ if hasTargets }}}
        <form class="mb-3" data-form="status">
          <label class="form-label small" for="bonus-order-status">{{tx("bonus:order.admin-status")}}</label>
          <select class="form-select form-select-sm mb-2" id="bonus-order-status" name="status">
            {{{ each targets }}}<option value="{./value}">{{bonusTx("bonus:order.status.", ./value)}}</option>{{{ end }}}
          </select>
          <label class="form-label small" for="bonus-order-note">{{tx("bonus:order.admin-note")}}</label>
          <textarea class="form-control form-control-sm mb-2" id="bonus-order-note" name="note" rows="2" maxlength="1000"></textarea>
          <button class="btn btn-sm btn-primary" type="submit">{{tx("bonus:order.admin-apply")}}</button>
        </form>
        {{{ end }}}
        {{{ if canRefund }}}
        <form data-form="refund">
          <fieldset>
            <legend class="form-label small">{{tx("bonus:order.admin-refund")}}</legend>
            {{{ each order.lines }}}{{{ if !./refunded }}}
            <div class="form-check small">
              <input class="form-check-input" type="checkbox" name="lines" value="{./index}" id="bonus-refund-{./index}">
              <label class="form-check-label" for="bonus-refund-{./index}">{./title}{{{ if ./hasVariant }}}, {./variantLabel}{{{ end }}} × {./quantity} ({./paid})</label>
            </div>
            {{{ end }}}{{{ end }}}
          </fieldset>
          <button class="btn btn-sm btn-outline-danger mt-2" type="submit">{{tx("bonus:order.admin-refund-button")}}</button>
        </form>
        {{{ end }}}
        {{{ if canReplace }}}
        <form class="mt-3" data-form="replace">
          <fieldset>
            <legend class="form-label small">{{tx("bonus:order.admin-replace")}}</legend>
            <label class="form-label small" for="bonus-replace-line">{{tx("bonus:order.admin-replace-line")}}</label>
            <select class="form-select form-select-sm mb-2" id="bonus-replace-line" name="line">
              {{{ each replaceLines }}}<option value="{./index}">{./title}{{{ if ./hasVariant }}}, {./variantLabel}{{{ end }}} × {./quantity} ({./paid})</option>{{{ end }}}
            </select>
            <label class="form-label small" for="bonus-replace-product">{{tx("bonus:order.admin-replace-product")}}</label>
            <select class="form-select form-select-sm mb-2" id="bonus-replace-product" name="product">
              {{{ each replaceProducts }}}<option value="{./value}" data-price="{./price}">{./label}</option>{{{ end }}}
            </select>
            <div class="form-check small">
              <input class="form-check-input" type="checkbox" name="clubPays" value="1" id="bonus-replace-club-pays">
              <label class="form-check-label" for="bonus-replace-club-pays">{{tx("bonus:order.admin-replace-club-pays")}}</label>
            </div>
          </fieldset>
          <button class="btn btn-sm btn-outline-primary mt-2" type="submit">{{tx("bonus:order.admin-replace-button")}}</button>
        </form>
        {{{ end }}}
        <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
        <button class="btn btn-sm btn-warning mt-2 d-none" type="button" data-action="confirm-below-minimum">{{tx("bonus:order.admin-confirm-below-minimum")}}</button>
      </section>
      {{{ end }}}
      <section class="card card-body" aria-labelledby="bonus-order-history">
        <h2 class="fs-6" id="bonus-order-history">{{tx("bonus:order.history")}}</h2>
        <ol class="list-unstyled mb-0 d-flex flex-column gap-2" data-bonus="history">
          {{{ each order.history }}}
          <li>
            {{{ if ./isReplacement }}}
            <strong>{{tx("bonus:order.history-replaced")}}</strong>
            <span class="small text-secondary"><span class="timeago" title="{./date}">{./dateText}</span></span>
            <div class="small" data-bonus="history-replaced">{./replacedFrom} → {./replacedTo}.
              {{{ if ./hasReplacedRefund }}}{{tx("bonus:order.replaced-refund", bonusPlural(./unitKey, ./replacedRefund))}}{{{ end }}}
              {{{ if ./hasReplacedClubPays }}}{{tx("bonus:order.replaced-club-pays", bonusPlural(./unitKey, ./replacedClubPays))}}{{{ end }}}
            </div>
            {{{ else }}}
            <strong>{{bonusTx("bonus:order.status.", ./status)}}</strong>
            <span class="small text-secondary"><span class="timeago" title="{./date}">{./dateText}</span></span>
            {{{ end }}}
            {{{ if ./hasNote }}}<div class="small" style="white-space: pre-line;">{./note}</div>{{{ end }}}
          </li>
          {{{ end }}}
        </ol>
      </section>
    </aside>
  </div>
  {{{ if hasOpenClaim }}}
  <section class="card card-body mt-3 border-warning" aria-labelledby="bonus-order-claim" data-bonus="open-claim">
    <h2 class="fs-5" id="bonus-order-claim"><a href="{openClaim.url}">{{tx("bonus:claim.title", openClaim.id)}}</a>
      <span class="badge text-bg-warning fs-6">{{bonusTx("bonus:claim.status.", openClaim.status)}}</span></h2>
    <p class="mb-1"><strong>{{bonusTx("bonus:claim.problem.", openClaim.problem)}}</strong></p>
    <p class="mb-2" style="white-space: pre-line;">{openClaim.description}</p>
    {{{ if openClaim.hasPhotos }}}
    <ul class="list-inline mb-2" data-bonus="claim-photos">
      {{{ each openClaim.photos }}}<li class="list-inline-item"><a href="{./url}" target="_blank" rel="noopener noreferrer nofollow"><i class="fa fa-image" aria-hidden="true"></i> {{tx("bonus:claim.photo", ./n)}}</a></li>{{{ end }}}
    </ul>
    {{{ end }}}
    {{{ if openClaim.hasVideo }}}<p class="mb-2"><a href="{openClaim.videoUrl}" target="_blank" rel="noopener noreferrer nofollow"><i class="fa fa-video" aria-hidden="true"></i> {{tx("bonus:claim.video")}}</a></p>{{{ end }}}
    <ol class="list-unstyled d-flex flex-column gap-2" data-bonus="claim-messages">
      {{{ each openClaim.messages }}}
      <li class="card card-body py-2 {{{ if ./fromAdmin }}}border-info{{{ end }}}">
        <div class="small text-secondary">{{{ if ./fromAdmin }}}<strong>{{tx("bonus:claim.from-admin")}}</strong>{{{ else }}}{./author}{{{ end }}} · <span class="timeago" title="{./date}">{./dateText}</span></div>
        <div style="white-space: pre-line;">{./text}</div>
      </li>
      {{{ end }}}
    </ol>
    <form data-form="claim-reply" data-claim-id="{openClaim.id}">
      <label class="form-label" for="bonus-claim-reply">{{tx("bonus:claim.reply-label")}}</label>
      <textarea class="form-control mb-2" id="bonus-claim-reply" name="text" rows="2" maxlength="{claimForm.messageMax}" required></textarea>
      <button class="btn btn-primary btn-sm" type="submit">{{tx("bonus:claim.send")}}</button>
      <a class="btn btn-link btn-sm" href="{openClaim.url}">{{tx("bonus:claim.open-page")}}</a>
    </form>
  </section>
  {{{ end }}}
  {{{ if canOpenClaim }}}
  <section class="card card-body mt-3" aria-labelledby="bonus-order-report" data-bonus="claim-form">
    <h2 class="fs-5" id="bonus-order-report">{{tx("bonus:claim.report")}}</h2>
    <p class="text-secondary">{{tx("bonus:claim.report-intro")}}</p>
    <form data-form="claim-open">
      <label class="form-label" for="bonus-claim-problem">{{tx("bonus:claim.field.problem")}}</label>
      <select class="form-select mb-2" id="bonus-claim-problem" name="problem">
        {{{ each claimForm.problems }}}<option value="{./value}">{{bonusTx("bonus:claim.problem.", ./value)}}</option>{{{ end }}}
      </select>
      <label class="form-label" for="bonus-claim-description">{{tx("bonus:claim.field.description", claimForm.descriptionMin, claimForm.descriptionMax)}}</label>
      <textarea class="form-control mb-2" id="bonus-claim-description" name="description" rows="4" minlength="{claimForm.descriptionMin}" maxlength="{claimForm.descriptionMax}" required></textarea>
      <label class="form-label" for="bonus-claim-photos">{{tx("bonus:claim.field.photos", claimForm.photosMax)}}</label>
      <textarea class="form-control" id="bonus-claim-photos" name="photos" rows="3" aria-describedby="bonus-claim-photos-help"></textarea>
      <button class="btn btn-sm btn-light border mt-1" type="button" data-action="claim-upload"><i class="fa fa-upload" aria-hidden="true"></i> {{tx("bonus:claim.upload-photo")}}</button>
      <p class="form-text mb-2" id="bonus-claim-photos-help">{{tx("bonus:claim.field.photos-help")}}</p>
      <label class="form-label" for="bonus-claim-video">{{tx("bonus:claim.field.video")}}</label>
      <input class="form-control mb-2" type="url" id="bonus-claim-video" name="videoUrl" maxlength="500">
      <button class="btn btn-primary" type="submit">{{tx("bonus:claim.submit")}}</button>
    </form>
  </section>
  {{{ end }}}
  {{{ if hasClaims }}}
  <section class="mt-3" aria-labelledby="bonus-order-claims">
    <h2 class="fs-6" id="bonus-order-claims">{{tx("bonus:claim.past")}}</h2>
    <ul class="list-unstyled mb-0" data-bonus="claims">
      {{{ each claims }}}
      <li><a href="{./url}">{{tx("bonus:claim.title", ./id)}}</a> · {{bonusTx("bonus:claim.problem.", ./problem)}} · {{bonusTx("bonus:claim.status.", ./status)}}{{{ if ./closing }}} ({{bonusTx("bonus:claim.resolution.", ./closing.resolution)}}){{{ end }}}</li>
      {{{ end }}}
    </ul>
  </section>
  {{{ end }}}
  <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="claim-error"></p>
</div>
