<div class="bonus bonus-product" data-bonus-page="product" data-product-id="{product.id}">
  <p class="mb-2"><a href="{storeUrl}"><i class="fa fa-arrow-left" aria-hidden="true"></i> {{tx("bonus:product.back")}}</a></p>
  {{{ if product.isPreview }}}
  <div class="alert alert-warning" role="status">{{tx("bonus:product.preview")}} <strong>{{bonusTx("bonus:visibility.", product.visibility)}}</strong></div>
  {{{ end }}}
  <div class="row g-4">
    <div class="col-12 col-md-6">
      {{{ if product.hasImages }}}
      <ul class="list-unstyled d-flex flex-column gap-2 mb-0">
        {{{ each product.images }}}
        <li><img class="img-fluid rounded border" src="{./url}" alt="{./alt}"></li>
        {{{ end }}}
      </ul>
      {{{ else }}}
      <div class="border rounded d-flex align-items-center justify-content-center text-secondary" style="aspect-ratio: 4 / 3;"><i class="fa fa-3x fa-gift" aria-hidden="true"></i></div>
      {{{ end }}}
    </div>
    <div class="col-12 col-md-6">
      <h1 class="fs-3 mb-1" data-bonus="title">{product.title}</h1>
      <p class="text-secondary mb-2">{{bonusTx("bonus:kind.", product.kind)}}</p>
      {{{ if !product.isTopUp }}}
      <p class="fs-4 fw-semibold mb-2">{{bonusPlural(product.unitKey, product.priceInPoints)}}</p>
      {{{ end }}}
      <p><span class="badge {{{ if product.available }}}text-bg-success{{{ else }}}text-bg-secondary{{{ end }}}" data-bonus="stock">{{bonusTx("bonus:stock.", product.state)}}</span></p>
      {{{ if hasBalance }}}
      <p class="small text-secondary">{{{ if isPrize }}}{{tx("bonus:prizes.your-balance", balance.spendable)}}{{{ else }}}{{tx("bonus:product.your-balance", balance.spendable)}}{{{ end }}}</p>
      {{{ end }}}

      <form class="bonus-add-to-cart card card-body mb-3" data-product-id="{product.id}" novalidate>
        {{{ if product.isTopUp }}}
        <div class="mb-3">
          <label class="form-label" for="bonus-amount">{{tx("bonus:product.amount")}}</label>
          <input class="form-control" id="bonus-amount" name="amount" type="number" inputmode="numeric" required min="{topUp.minAmount}" max="{topUp.maxAmount}" step="{topUp.stepAmount}" value="{topUp.minAmount}" aria-describedby="bonus-amount-help" data-invalid-message="{{tx("bonus:error.catalog.top-up-amount", topUp.minAmount, topUp.stepAmount, topUp.maxAmount)}}">
          <div class="form-text" id="bonus-amount-help">{{tx("bonus:product.amount-help", topUp.minAmount, topUp.stepAmount, topUp.maxAmount)}}</div>
        </div>
        {{{ end }}}
        {{{ if product.hasSizes }}}
        <fieldset class="mb-3">
          <legend class="form-label fs-6">{{tx("bonus:product.size")}}</legend>
          <div class="d-flex flex-wrap gap-2">
            {{{ each product.sizes }}}
            <div>
              <input class="btn-check" type="radio" name="variantId" id="bonus-size-{./id}" value="{./id}" required data-invalid-message="{{tx("bonus:error.catalog.choose-size")}}" {{{ if !./available }}}disabled{{{ end }}}>
              <label class="btn btn-outline-secondary" for="bonus-size-{./id}">{./label}{{{ if ./low }}}<span class="d-inline-block rounded-circle bg-warning ms-1 align-middle" style="width: .5em; height: .5em;" aria-hidden="true"></span>{{{ end }}}{{{ if !./available }}}<span class="visually-hidden"> {{bonusTx("bonus:stock.", ./state)}}</span>{{{ end }}}{{{ if ./low }}}<span class="visually-hidden"> {{tx("bonus:stock.low")}}</span>{{{ end }}}</label>
            </div>
            {{{ end }}}
          </div>
          {{{ if product.hasLowSizes }}}
          <p class="small text-secondary mt-1 mb-0" aria-hidden="true"><span class="d-inline-block rounded-circle bg-warning align-middle" style="width: .5em; height: .5em;"></span> {{tx("bonus:stock.low")}}</p>
          {{{ end }}}
        </fieldset>
        {{{ end }}}
        {{{ if product.needsRegion }}}
        <div class="mb-3">
          <label class="form-label" for="bonus-region">{{tx("bonus:product.region")}}</label>
          <select class="form-select" id="bonus-region" name="region" required aria-describedby="bonus-region-help" data-invalid-message="{{tx("bonus:error.catalog.choose-region")}}">
            <option value="">{{tx("bonus:product.region-choose")}}</option>
            {{{ each product.regions }}}
            <option value="{./code}">{{bonusTx("bonus:", ./nameKey)}}</option>
            {{{ end }}}
          </select>
          <div class="form-text" id="bonus-region-help">{{tx("bonus:product.region-help")}}</div>
        </div>
        {{{ end }}}
        <div class="mb-3">
          <label class="form-label" for="bonus-quantity">{{tx("bonus:product.quantity")}}</label>
          <input class="form-control" style="max-width: 8rem;" id="bonus-quantity" name="quantity" type="number" inputmode="numeric" min="1" max="{maxQuantity}" value="1" required data-invalid-message="{{tx("bonus:product.quantity-invalid", maxQuantity)}}">
        </div>
        <button type="submit" class="btn btn-primary" {{{ if !product.available }}}disabled{{{ end }}}><i class="fa fa-cart-plus" aria-hidden="true"></i> {{tx("bonus:product.add-to-cart")}}</button>
        <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
      </form>

      {{{ if product.hasDescription }}}
      <section class="mb-3" aria-labelledby="bonus-description-title">
        <h2 class="fs-5" id="bonus-description-title">{{tx("bonus:product.description")}}</h2>
        <div class="bonus-description" style="white-space: pre-line;" data-bonus="description">{product.description}</div>
      </section>
      {{{ end }}}

      <section class="mb-3" aria-labelledby="bonus-rules-title">
        <h2 class="fs-5" id="bonus-rules-title">{{tx("bonus:product.rules")}}</h2>
        <ul class="mb-0" data-bonus="rules">
          {{{ if hasLimit }}}
          <li>{{bonusTx("bonus:", limitKey, limit.maxUnits, limit.months)}}</li>
          {{{ end }}}
          {{{ if product.needsRegion }}}
          <li>{{tx("bonus:product.rule-region")}}</li>
          {{{ end }}}
          {{{ each product.notices }}}
          <li>{{bonusTx("bonus:", ./key)}}
            {{{ each ./countries }}}<span class="badge text-bg-light border ms-1">{{bonusTx("bonus:", ./nameKey)}}</span>{{{ end }}}
          </li>
          {{{ end }}}
          {{{ if !hasLimit }}}{{{ if !product.hasNotices }}}{{{ if !product.needsRegion }}}
          <li>{{tx("bonus:product.no-rules")}}</li>
          {{{ end }}}{{{ end }}}{{{ end }}}
        </ul>
        {{{ if hasPickupPlace }}}
        <p class="small mt-2 mb-0">{{tx("bonus:product.pickup-place")}} {pickupPlace}</p>
        {{{ end }}}
      </section>
    </div>
  </div>

  <dialog class="bonus-added-dialog border rounded p-0" aria-labelledby="bonus-added-title" aria-describedby="bonus-added-text">
    <div class="p-4">
      <h2 class="fs-5" id="bonus-added-title">{{tx("bonus:product.added-title")}}</h2>
      <p id="bonus-added-text">{{tx("bonus:product.added-text")}}</p>
      <div class="d-flex flex-wrap gap-2 justify-content-end">
        <button type="button" class="btn btn-outline-secondary" data-action="continue">{{tx("bonus:product.continue-shopping")}}</button>
        <a class="btn btn-primary" href="{cartUrl}" data-action="complete">{{tx("bonus:product.complete-order")}}</a>
      </div>
    </div>
  </dialog>
</div>
