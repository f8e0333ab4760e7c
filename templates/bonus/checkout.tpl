<div class="bonus bonus-checkout" data-bonus-page="checkout" data-step="{step}">
  <h1 class="fs-3 mb-3">{{tx("bonus:checkout.title")}}</h1>
  <nav aria-label="{{tx("bonus:checkout.steps")}}">
    <ol class="list-unstyled d-flex flex-wrap gap-2 mb-3" data-bonus="steps">
      {{{ each steps }}}
      <li>
        {{{ if ./active }}}
        <span class="badge text-bg-primary fs-6" aria-current="step">{./n}. {{bonusTx("bonus:checkout.step.", ./key)}}</span>
        {{{ else }}}{{{ if ./skipped }}}
        <span class="badge text-bg-light border fs-6 text-decoration-line-through">{./n}. {{bonusTx("bonus:checkout.step.", ./key)}}</span>
        {{{ else }}}{{{ if ./done }}}
        <a class="badge text-bg-success fs-6 text-decoration-none" href="{./url}">{./n}. {{bonusTx("bonus:checkout.step.", ./key)}}</a>
        {{{ else }}}
        <span class="badge text-bg-light border fs-6">{./n}. {{bonusTx("bonus:checkout.step.", ./key)}}</span>
        {{{ end }}}{{{ end }}}{{{ end }}}
      </li>
      {{{ end }}}
    </ol>
  </nav>

  {{{ if isStep1 }}}
  <form class="card card-body bonus-checkout-form" data-form="contact" data-next="{nextUrl}" novalidate style="max-width: 36rem;">
    <h2 class="fs-5">{{tx("bonus:checkout.step.information")}}</h2>
    <div class="mb-3">
      <label class="form-label" for="bonus-name">{{tx("bonus:checkout.name")}}</label>
      <input class="form-control" id="bonus-name" name="name" required maxlength="100" autocomplete="name" value="{contact.name}">
    </div>
    <div class="mb-3">
      <label class="form-label" for="bonus-email">{{tx("bonus:checkout.email")}}</label>
      <input class="form-control" id="bonus-email" name="email" type="email" required maxlength="200" autocomplete="email" value="{contact.email}">
    </div>
    <div class="mb-3">
      <label class="form-label" for="bonus-phone">{{tx("bonus:checkout.phone")}}</label>
      <input class="form-control" id="bonus-phone" name="phone" type="tel" required maxlength="25" autocomplete="tel" value="{contact.phone}" aria-describedby="bonus-phone-help">
      <div class="form-text" id="bonus-phone-help">{{tx("bonus:checkout.phone-help")}}</div>
    </div>
    <div class="d-flex gap-2">
      <a class="btn btn-outline-secondary" href="{cartUrl}">{{tx("bonus:checkout.back-to-cart")}}</a>
      <button type="submit" class="btn btn-primary">{{tx("bonus:checkout.continue")}}</button>
    </div>
    <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
  </form>
  {{{ end }}}

  {{{ if isStep2 }}}
  <form class="card card-body bonus-checkout-form" data-form="delivery" data-next="{nextUrl}" novalidate style="max-width: 36rem;">
    <h2 class="fs-5">{{tx("bonus:checkout.step.delivery")}}</h2>
    <fieldset class="mb-3">
      <legend class="form-label fs-6">{{tx("bonus:checkout.method")}}</legend>
      <div class="form-check">
        <input class="form-check-input" type="radio" name="method" id="bonus-method-delivery" value="delivery" {{{ if !delivery.isPickup }}}checked{{{ end }}}>
        <label class="form-check-label" for="bonus-method-delivery">{{tx("bonus:checkout.method-delivery")}}</label>
      </div>
      {{{ if offerPickup }}}
      <div class="form-check">
        <input class="form-check-input" type="radio" name="method" id="bonus-method-pickup" value="pickup" {{{ if delivery.isPickup }}}checked{{{ end }}} aria-describedby="bonus-pickup-help">
        <label class="form-check-label" for="bonus-method-pickup">{{tx("bonus:checkout.method-pickup")}}</label>
        <div class="form-text" id="bonus-pickup-help">{{tx("bonus:checkout.pickup-help")}} {pickupPlace}</div>
      </div>
      {{{ end }}}
    </fieldset>
    <div class="mb-3">
      <label class="form-label" for="bonus-country">{{tx("bonus:checkout.country")}}</label>
      <select class="form-select" id="bonus-country" name="country" required autocomplete="country">
        {{{ each countries }}}
        <option value="{./code}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./nameKey)}}</option>
        {{{ end }}}
      </select>
    </div>
    <div class="row g-2 mb-3">
      <div class="col-12 col-sm-6">
        <label class="form-label" for="bonus-region">{{tx("bonus:checkout.region")}}</label>
        <input class="form-control" id="bonus-region" name="region" maxlength="100" autocomplete="address-level1" value="{delivery.region}">
      </div>
      <div class="col-12 col-sm-6">
        <label class="form-label" for="bonus-city">{{tx("bonus:checkout.city")}}</label>
        <input class="form-control" id="bonus-city" name="city" maxlength="100" autocomplete="address-level2" value="{delivery.city}" data-needed-for-delivery="1">
      </div>
    </div>
    <div class="mb-3">
      <label class="form-label" for="bonus-address">{{tx("bonus:checkout.address")}}</label>
      <input class="form-control" id="bonus-address" name="address" maxlength="300" autocomplete="street-address" value="{delivery.address}" data-needed-for-delivery="1">
    </div>
    <div class="mb-3">
      <label class="form-label" for="bonus-postcode">{{tx("bonus:checkout.postcode")}}</label>
      <input class="form-control" style="max-width: 10rem;" id="bonus-postcode" name="postcode" maxlength="20" autocomplete="postal-code" value="{delivery.postcode}" data-needed-for-delivery="1">
    </div>
    <p class="small text-secondary">{{tx("bonus:checkout.delivery-free")}}</p>
    <div class="d-flex gap-2">
      <a class="btn btn-outline-secondary" href="{step1Url}">{{tx("bonus:checkout.back")}}</a>
      <button type="submit" class="btn btn-primary">{{tx("bonus:checkout.continue")}}</button>
    </div>
    <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error" data-invalid-message="{{tx("bonus:checkout.address-required")}}"></p>
  </form>
  {{{ end }}}

  {{{ if isStep3 }}}
  <div class="row g-3">
    <section class="col-12 col-lg-7" aria-labelledby="bonus-confirm-title">
      <h2 class="fs-5" id="bonus-confirm-title">{{tx("bonus:checkout.your-order")}}</h2>
      <ul class="list-group mb-3" data-bonus="lines">
        {{{ each cart.lines }}}
        <li class="list-group-item">
          <div class="d-flex justify-content-between gap-2">
            <span>{./title}{{{ if ./hasVariant }}}, {./variantLabel}{{{ end }}} × {./quantity}</span>
            <span class="text-nowrap">{{bonusPlural(./unitKey, ./lineTotal)}}</span>
          </div>
          {{{ if ./withoutBattery }}}<p class="small text-secondary mb-0">{{tx("bonus:checkout.without-battery")}}</p>{{{ end }}}
          {{{ if ./hasMessages }}}
          <ul class="list-unstyled small text-danger mb-0" role="alert">{{{ each ./messages }}}<li>{./text}</li>{{{ end }}}</ul>
          {{{ end }}}
        </li>
        {{{ end }}}
      </ul>
      <dl class="row small mb-0">
        <dt class="col-5">{{tx("bonus:checkout.contact")}}</dt>
        <dd class="col-7">{contact.name}, {contact.email}, {contact.phone} <a href="{step1Url}">{{tx("bonus:checkout.change")}}</a></dd>
        {{{ if cart.needsShipping }}}
        <dt class="col-5">{{tx("bonus:checkout.step.delivery")}}</dt>
        <dd class="col-7">
          {{{ if delivery.isPickup }}}{{tx("bonus:checkout.method-pickup")}} ({{bonusTx("bonus:", delivery.countryNameKey)}}){{{ else }}}{{bonusTx("bonus:", delivery.countryNameKey)}}, {delivery.region} {delivery.city}, {delivery.address}, {delivery.postcode}{{{ end }}}
          <a href="{step2Url}">{{tx("bonus:checkout.change")}}</a>
        </dd>
        {{{ end }}}
      </dl>
    </section>
    <aside class="col-12 col-lg-5">
      <div class="card card-body">
        {{{ if cart.isPrizes }}}
        <p class="small text-secondary" data-bonus="prize-note">{{tx("bonus:prizes.ship-note", bonusPlural("bonus:days.gen", cart.shipDays))}}</p>
        {{{ else }}}
        <form class="mb-3" method="get" data-form="promo">
          <input type="hidden" name="step" value="3">
          <label class="form-label" for="bonus-promo">{{tx("bonus:checkout.promo")}}</label>
          <div class="input-group">
            <input class="form-control" id="bonus-promo" name="promo" maxlength="50" value="{promoCode}" autocomplete="off" aria-describedby="bonus-promo-help">
            <button class="btn btn-outline-secondary" type="submit">{{tx("bonus:checkout.apply")}}</button>
          </div>
          <div class="form-text" id="bonus-promo-help">{{tx("bonus:checkout.promo-help")}}</div>
        </form>
        {{{ end }}}
        <p class="d-flex justify-content-between mb-1"><span>{{tx("bonus:cart.subtotal")}}</span> <span data-bonus="subtotal">{{bonusNumber(cart.subtotal)}}</span></p>
        {{{ if cart.hasDiscount }}}
        <p class="d-flex justify-content-between mb-1 text-success"><span>{{tx("bonus:checkout.discount", cart.promoPercent)}}</span> <span data-bonus="discount">{{tx("bonus:checkout.discount-amount", cart.discount)}}</span></p>
        {{{ end }}}
        <p class="d-flex justify-content-between fs-5 fw-semibold mb-1"><span>{{tx("bonus:checkout.total")}}</span> <span data-bonus="total">{{bonusPlural(cart.unitKey, cart.total)}}</span></p>
        {{{ if hasBalance }}}
        <p class="d-flex justify-content-between small mb-2 {{{ if !enoughPoints }}}text-danger{{{ end }}}"><span>{{tx("bonus:checkout.spendable")}}</span> <span data-bonus="spendable">{{bonusNumber(balance.spendable)}}</span></p>
        {{{ end }}}
        {{{ if cart.hasMessages }}}
        <ul class="list-unstyled small text-danger" role="alert" data-bonus="messages">{{{ each cart.messages }}}<li>{./text}</li>{{{ end }}}</ul>
        {{{ end }}}
        {{{ if hasBalance }}}{{{ if !enoughPoints }}}
        <p class="small text-danger" role="alert" data-bonus="not-enough">{{tx("bonus:error.checkout.insufficient-points", bonusPlural(cart.unitKey, cart.total), bonusPlural(cart.unitKey, balance.spendable))}}</p>
        {{{ end }}}{{{ end }}}
        <p class="small text-secondary">{{tx("bonus:checkout.pay-note")}}</p>
        <button type="button" class="btn btn-success w-100" data-action="pay" data-pay-key="{payKey}" data-promo="{promoCode}" data-total="{cart.total}" {{{ if !canPay }}}disabled{{{ end }}}>
          <i class="fa fa-lock" aria-hidden="true"></i> {{tx("bonus:checkout.pay", bonusPlural(cart.unitKey, cart.total))}}
        </button>
        <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
      </div>
    </aside>
  </div>
  {{{ end }}}
</div>
