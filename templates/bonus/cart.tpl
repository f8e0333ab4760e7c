<div class="bonus bonus-cart" data-bonus-page="cart" data-unit-key="{unitKey}">
  <h1 class="fs-3 mb-3">{{tx("bonus:cart.title")}}</h1>
  {{{ if !hasLines }}}
  <p class="text-secondary" data-bonus="empty">{{tx("bonus:cart.empty")}}</p>
  <p><a class="btn btn-primary" href="{storeUrl}">{{tx("bonus:cart.to-store")}}</a></p>
  {{{ else }}}
  <div class="row g-3">
    <div class="col-12 col-lg-8">
      <ul class="list-unstyled d-flex flex-column gap-2 mb-0" data-bonus="lines">
        {{{ each lines }}}
        <li class="card" data-bonus="line" data-product-id="{./productId}" data-variant-id="{./variantId}" data-region="{./region}" data-amount="{./amount}" data-unit-price="{./unitPrice}">
          <div class="card-body d-flex flex-wrap gap-3 align-items-start">
            <div class="flex-grow-1" style="min-width: 12rem;">
              <h2 class="fs-6 mb-1"><a href="{./url}">{./title}</a></h2>
              {{{ if ./hasVariant }}}<p class="small text-secondary mb-1">{{tx("bonus:cart.size")}} {./variantLabel}</p>{{{ end }}}
              {{{ if ./isTopUp }}}<p class="small text-secondary mb-1">{{tx("bonus:cart.top-up-amount", ./amount)}}</p>{{{ end }}}
              <p class="small mb-1">{{bonusPlural(./unitKey, ./unitPrice)}}</p>
              {{{ if ./isLicense }}}
              <label class="form-label small mb-1" for="bonus-region-{./index}">{{tx("bonus:product.region")}}</label>
              <select class="form-select form-select-sm" style="max-width: 14rem;" id="bonus-region-{./index}" data-action="region">
                {{{ each ./regions }}}
                <option value="{./code}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./nameKey)}}</option>
                {{{ end }}}
              </select>
              {{{ end }}}
              {{{ if ./hasMessages }}}
              <ul class="list-unstyled small text-danger mt-2 mb-0" role="alert" data-bonus="line-messages">
                {{{ each ./messages }}}<li>{./text}</li>{{{ end }}}
              </ul>
              {{{ end }}}
            </div>
            <div class="d-flex align-items-end gap-2">
              <div>
                <label class="form-label small mb-1" for="bonus-qty-{./index}">{{tx("bonus:product.quantity")}}</label>
                <input class="form-control form-control-sm" style="width: 5rem;" id="bonus-qty-{./index}" type="number" inputmode="numeric" min="1" max="{./maxQuantity}" value="{./quantity}" data-action="quantity">
              </div>
              <button type="button" class="btn btn-sm btn-outline-danger" data-action="remove"><i class="fa fa-trash" aria-hidden="true"></i> {{tx("bonus:cart.remove")}}</button>
            </div>
            <p class="ms-auto fw-semibold mb-0 text-nowrap"><span data-bonus="line-total">{{bonusPlural(./unitKey, ./lineTotal)}}</span></p>
          </div>
        </li>
        {{{ end }}}
      </ul>
    </div>
    <aside class="col-12 col-lg-4">
      <div class="card">
        <div class="card-body">
          <h2 class="fs-5">{{tx("bonus:cart.summary")}}</h2>
          <p class="d-flex justify-content-between mb-1"><span>{{tx("bonus:cart.subtotal")}}</span> <span data-bonus="subtotal">{{bonusPlural(unitKey, subtotal)}}</span></p>
          {{{ if isPrizes }}}
          <p class="small text-secondary mb-2" data-bonus="prize-note">{{tx("bonus:prizes.ship-note", bonusPlural("bonus:days.gen", shipDays))}}</p>
          {{{ end }}}
          {{{ if needsShipping }}}{{{ if !isPrizes }}}
          <p class="small text-secondary mb-2">{{tx("bonus:cart.minimum", bonusPlural("bonus:points.gen", minSouvenirOrder))}}</p>
          {{{ end }}}{{{ end }}}
          {{{ if hasBalance }}}
          <p class="small mb-2">{{{ if isPrizes }}}{{tx("bonus:prizes.your-balance", balance.spendable)}}{{{ else }}}{{tx("bonus:product.your-balance", balance.spendable)}}{{{ end }}}</p>
          {{{ end }}}
          {{{ if hasMessages }}}
          <ul class="list-unstyled small text-danger" role="alert" data-bonus="messages">
            {{{ each messages }}}<li>{./text}</li>{{{ end }}}
          </ul>
          {{{ end }}}
          {{{ if !isPrizes }}}<p class="small text-secondary">{{tx("bonus:cart.promo-later")}}</p>{{{ end }}}
          <a class="btn btn-primary w-100 {{{ if !canPay }}}disabled{{{ end }}}" href="{checkoutUrl}" data-action="checkout" {{{ if !canPay }}}aria-disabled="true"{{{ end }}}>{{tx("bonus:cart.checkout")}}</a>
          <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
        </div>
      </div>
    </aside>
  </div>
  {{{ end }}}
</div>
